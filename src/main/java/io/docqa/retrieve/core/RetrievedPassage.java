package io.docqa.retrieve.core;

import io.docqa.corpus.Chunk;

/**
 * A passage chosen for a query with its fused score and, for explanation, its rank in each retriever
 * (0 when that retriever did not find it) and its cosine similarity to the query (NaN when unknown).
 * {@code addedFor} is null for a passage the retrievers found, and says why it was added otherwise
 * (e.g. {@code definition of "Confidential Information"}; see {@code retrieve.expand}).
 */
public record RetrievedPassage(Chunk chunk, String documentName, double score, int bm25Rank, int vectorRank,
        double similarity, String addedFor) {

    /** A passage the retrievers found. */
    public RetrievedPassage(Chunk chunk, String documentName, double score, int bm25Rank, int vectorRank,
            double similarity) {
        this(chunk, documentName, score, bm25Rank, vectorRank, similarity, null);
    }
}
