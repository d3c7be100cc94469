package io.docqa.retrieve;

import io.docqa.corpus.Chunk;

/**
 * A passage chosen for a query with its fused score and, for explanation, its rank in each retriever
 * (0 when that retriever did not find it) and its cosine similarity to the query (NaN when unknown).
 */
public record RetrievedPassage(Chunk chunk, String documentName, double score, int bm25Rank, int vectorRank,
        double similarity) {
}
