package io.docqa.retrieve.core;

/** One retriever's hit: a chunk id with that retriever's score (BM25 score or cosine similarity). */
public record RankedHit(long chunkId, double score) {
}
