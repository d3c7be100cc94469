/**
 * Ingestion: an uploaded file becomes searchable chunks in both indexes. The pipeline is a chain of small
 * steps — {@link io.docqa.ingest.parse.DocumentParser parse} → {@link io.docqa.ingest.chunk.Chunker chunk} →
 * embed → {@link io.docqa.ingest.index.LuceneChunkWriter index} — run for one document at a time by
 * {@link io.docqa.ingest.IngestPipeline}, driven by the durable queue in {@link io.docqa.ingest.jobs}.
 * Ingest owns the Lucene writer; retrieval owns the searcher; they share only {@link io.docqa.corpus.IndexFields}.
 * Depends on: cluster, corpus, db, embedding.
 */
package io.docqa.ingest;
