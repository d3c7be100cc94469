/**
 * Evaluation harness: measures retriever configurations on a labelled dataset (BEIR or golden-QA), with
 * nDCG@10, Recall@5/10/100, MRR@10 and per-query latency. The dataset's corpus goes through the normal ingestion
 * pipeline into a dedicated collection; each run is stored ({@code eval_runs}) so runs can be compared over time.
 * Only the application services and the adapters depend on it.
 * Depends on: answer, cluster, corpus, db, embedding, ingest, retrieve.
 */
package io.docqa.evaluate;
