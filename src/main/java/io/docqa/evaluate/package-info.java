/**
 * Evaluation harness: measures retriever configurations on a labelled dataset (BEIR or golden-QA), with
 * nDCG@10, Recall@5/10/100, MRR@10 and per-query latency. The dataset's corpus goes through the normal ingestion
 * pipeline into a dedicated collection; each run is stored ({@code eval_runs}) so runs can be compared over time.
 * Depends on ingest, retrieve, corpus and embedding; only api, ui and cli depend on it.
 */
package io.docqa.evaluate;
