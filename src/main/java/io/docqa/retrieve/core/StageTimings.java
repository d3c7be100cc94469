package io.docqa.retrieve.core;

/**
 * Where the time of one hybrid retrieval went, in milliseconds. With parallel stages the query embedding and vector
 * search overlap BM25, so the parts can add up to more than the total; each part is at most the total.
 * {@code rewriteMs} (the language model rewriting the question, and searching its rewrites) and {@code rerankMs}
 * (the language model re-ranking the candidates) are 0 unless {@code docqa.retrieve.llm.*} turns them on; the other
 * parts are then those of the question's own search.
 */
public record StageTimings(double embedMs, double bm25Ms, double vectorMs, double fusionMs, double loadMs,
        double rewriteMs, double rerankMs, double totalMs) {

    /** The stages of a hybrid retrieval without the language model. */
    public StageTimings(double embedMs, double bm25Ms, double vectorMs, double fusionMs, double loadMs, double totalMs) {
        this(embedMs, bm25Ms, vectorMs, fusionMs, loadMs, 0, 0, totalMs);
    }

    /** These timings with the language model's stages added, and the total they then took. */
    public StageTimings withModelStages(double rewrite, double rerank, double total) {
        return new StageTimings(embedMs, bm25Ms, vectorMs, fusionMs, loadMs, rewrite, rerank, total);
    }
}
