/**
 * Retrieval: finds the passages that answer a query within the caller's
 * {@link io.docqa.retrieve.core.AccessScope}, an explicit input of every retriever. {@link io.docqa.retrieve.HybridRetriever}
 * runs {@link io.docqa.retrieve.bm25.Bm25Retriever BM25 over Lucene} and
 * {@link io.docqa.retrieve.vector.VectorRetriever nearest neighbours over pgvector}, both filtered by collection
 * inside the query, and fuses them with {@link io.docqa.retrieve.fusion.ReciprocalRankFusion}; it returns a
 * {@link io.docqa.retrieve.core.Retrieval} that carries its stage timings and the ids it returned, so nothing is
 * recorded on the side. Retrieval owns the Lucene searcher; it never imports ingestion.
 * Depends on: corpus, embedding.
 */
package io.docqa.retrieve;
