package io.docqa.retrieve;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retrieval settings ({@code docqa.retrieve.*}). */
@ConfigMapping(prefix = "docqa.retrieve")
public interface RetrieveConfig {

    /** Candidates taken from each retriever before fusion. */
    @WithDefault("50")
    int depth();

    /** The k of reciprocal rank fusion: larger values flatten the advantage of top ranks. */
    @WithDefault("60")
    int rrfK();

    /** Weight of the BM25 ranking in fusion. */
    @WithDefault("1.0")
    double bm25Weight();

    /** Weight of the vector ranking in fusion. */
    @WithDefault("1.0")
    double vectorWeight();

    /** pgvector HNSW search breadth ({@code hnsw.ef_search}); at least the depth. */
    @WithDefault("100")
    int efSearch();
}
