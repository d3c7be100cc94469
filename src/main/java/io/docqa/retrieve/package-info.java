/**
 * Retrieval: finds the passages that answer a query. {@link io.docqa.retrieve.HybridRetriever} runs
 * {@link io.docqa.retrieve.bm25.Bm25Retriever BM25 over Lucene} and
 * {@link io.docqa.retrieve.vector.VectorRetriever nearest neighbours over pgvector}, both filtered by collection
 * inside the query, and fuses them with {@link io.docqa.retrieve.fusion.ReciprocalRankFusion}.
 * Retrieval owns the Lucene searcher; it never imports ingestion.
 */
package io.docqa.retrieve;
