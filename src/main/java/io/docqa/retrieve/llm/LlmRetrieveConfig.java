package io.docqa.retrieve.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Retrieval helped by the configured language model ({@code docqa.retrieve.llm.*}, env
 * {@code DOCQA_RETRIEVE_LLM_*}). Each lever costs one model call per question and is off by default; without a
 * model ({@code docqa.answer.llm.provider=none}) they do nothing.
 */
@ConfigMapping(prefix = "docqa.retrieve.llm")
public interface LlmRetrieveConfig {

    /**
     * Re-rank the first {@link #rerankCandidates()} passages of the hybrid ranking by asking the model which of them
     * answer the question: those it names come first in its order, the rest follow in their original order.
     */
    @WithDefault("false")
    boolean rerank();

    /** How many passages of the hybrid ranking the model is shown for re-ranking. */
    @WithDefault("20")
    int rerankCandidates();

    /**
     * Query rewriting: {@code off}; {@code multi-query} (the model writes up to {@link #rewriteQueries()} phrasings
     * of the question in the documents' likely words, each is searched and all rankings are fused with the
     * question's own); {@code hyde} (the model writes a short passage that would answer the question, whose
     * embedding gives one more dense ranking fused with the question's).
     */
    @WithDefault("off")
    Rewrite rewrite();

    /** At most this many alternative phrasings in {@code multi-query} mode. */
    @WithDefault("3")
    int rewriteQueries();

    /** How long each of these model calls may take before retrieval goes on without it. */
    @WithDefault("20s")
    Duration timeout();

    /** Query rewriting modes ({@code docqa.retrieve.llm.rewrite}). */
    enum Rewrite {
        OFF, MULTI_QUERY, HYDE
    }
}
