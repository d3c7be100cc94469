/**
 * Review tables: a review is a set of documents of one collection × columns (questions with an answer type); each
 * cell is answered from its own document by {@link io.docqa.review.cell.CellAnswerer}. Cells are durable jobs in
 * PostgreSQL ({@code review_cells}) computed by parallel workers under leases, like ingestion jobs: a claimed cell
 * records its holder and lease, the holder renews it, any instance re-queues cells whose lease ran out, and only the
 * current holder may write the answer. Also: column templates, and the XLSX / CSV export streamed row by row.
 * Depends on: answer, cluster, corpus, retrieve, security.
 */
package io.docqa.review;
