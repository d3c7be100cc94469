package io.docqa.retrieve.core;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retrieval settings ({@code docqa.retrieve.*}). */
@ConfigMapping(prefix = "docqa.retrieve")
public interface RetrieveConfig {

    /** Candidates taken from each retriever before fusion. */
    @WithDefault("50")
    int depth();

    /**
     * How the BM25 and vector rankings are fused: {@code rrf} (reciprocal rank fusion: ranks only, k = rrf-k) or
     * {@code min-max} (convex combination of each ranking's scores normalised to [0, 1] over its candidates). The
     * weights ({@link #bm25Weight()}, {@link #vectorWeight()}, a collection's own) apply to either. {@code rrf} by
     * default: {@code min-max} found more answers in the first five on the real-corpora development and test halves,
     * but ranks a neighbouring clause ("12.30") above the one a question names ("Section 12.3") in
     * ClauseIdentifierSearchTest (docs/benchmarks.md, "Fusion: ranks or scores").
     */
    @WithDefault("rrf")
    Fusion fusion();

    /**
     * How the rankings are fused for a question that names clause or section numbers ("What does Section 12.3 say?"),
     * whatever {@link #fusion()} says: {@code rrf} by default. Under {@code min-max} the dense ranking's scores of
     * neighbouring clauses ("12.30") come within the identifier boost of the named one, which RRF's ranks keep first
     * (ClauseIdentifierSearchTest; docs/benchmarks.md, "Fusion: ranks or scores").
     */
    @WithDefault("rrf")
    Fusion identifierFusion();

    /** Fusion methods ({@code docqa.retrieve.fusion}). */
    enum Fusion {
        RRF, MIN_MAX
    }

    /**
     * The k of reciprocal rank fusion: larger values flatten the advantage of top ranks. 20: on the real-corpora
     * development half k 10, 20 and 30 each brought one more Bash question into the first five than 60, and nothing
     * left the first five (docs/benchmarks.md, "Question-aware fusion and RRF k").
     */
    @WithDefault("20")
    int rrfK();

    /** Weight of the BM25 ranking in fusion, for collections that set none. */
    @WithDefault("1.0")
    double bm25Weight();

    /** Weight of the vector ranking in fusion, for collections that set none. */
    @WithDefault("1.0")
    double vectorWeight();

    /**
     * Factor on the BM25 weight in fusion for questions that name clause or section numbers ("question 7.10",
     * "section 4(b)"): exact numbers are the lexical ranking's strength (measured on the real-corpora development
     * half, docs/benchmarks.md). 1.0 switches it off.
     */
    @WithDefault("2.0")
    double identifierBm25Boost();

    /**
     * Factor on the BM25 weight in fusion for questions without an anchor for exact matching: no identifier, option,
     * variable, path, quotation, and no word in at most {@link #rareShare()} of the searched passages (all its words
     * common in the scope). Such a question is in the user's own words, which BM25 matches on common words
     * while the dense ranking bridges the paraphrase (docs/retrieval.md, "Question-aware fusion"). 0.3 measured best
     * of 0.1–1.0 on the real-corpora development half (docs/benchmarks.md, "Question-aware fusion and RRF k"); 1.0
     * switches it off. Searches restricted to chosen documents (review cells, a question about selected documents)
     * keep the usual weights: on the review cells of the licence set the factor lowered the scripted-LLM path's text
     * accuracy from 0.87 to 0.60 (docs/reviews.md).
     */
    @WithDefault("0.3")
    double unanchoredBm25Factor();

    /**
     * A question word found in at most this share of the searched passages (and in at least one) is rare enough to
     * anchor the question for BM25 ({@link #unanchoredBm25Factor()}). 0.002–0.005 gave the same rankings on the
     * development half; 0.01 counted nearly every long question as anchored.
     */
    @WithDefault("0.003")
    double rareShare();

    /** Per-document diversity of fused results. */
    Diversity diversity();

    interface Diversity {
        /**
         * Factor applied to the fused score of each further chunk of a document already ranked higher (the n-th
         * further chunk gets decay^n), before the list is sorted again; 1.0 switches diversity off.
         */
        @WithDefault("0.9")
        double decay();
    }

    /** pgvector HNSW search breadth ({@code hnsw.ef_search}); at least the depth. */
    @WithDefault("100")
    int efSearch();

    /**
     * Up to this many chunks in the searched collections (and documents), vector search is exact (every chunk in
     * scope compared) instead of through the HNSW index of each collection in scope. About 4 µs per chunk on 2 cores:
     * 10,000 chunks cost ~40 ms, about what a selective filtered HNSW scan costs. 0 turns exact search off.
     */
    @WithDefault("10000")
    int exactVectorMaxChunks();

    /**
     * Whether hybrid retrieval embeds the query and searches vectors on a second thread while BM25 runs, instead of
     * one after the other. Off by default: on 2 cores it saved about 3 ms of median server time at concurrency 1
     * but lowered throughput at concurrency 16 (docs/benchmarks.md, "Retrieval latency at 100k chunks").
     */
    @WithDefault("false")
    boolean parallelStages();
}
