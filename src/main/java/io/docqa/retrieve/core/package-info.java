/**
 * The vocabulary every retriever shares: the caller's {@link io.docqa.retrieve.core.AccessScope}, the
 * {@link io.docqa.retrieve.core.RetrievalQuery}, ranked hits, retrieved passages and the
 * {@link io.docqa.retrieve.core.Retrieval} a retriever returns with its stage timings. Its own package so that the
 * retrievers (bm25, vector, fusion, expand) and the hybrid that combines them depend on it, not on each other.
 * Depends on: corpus.
 */
package io.docqa.retrieve.core;
