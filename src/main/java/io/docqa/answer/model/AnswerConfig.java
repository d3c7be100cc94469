package io.docqa.answer.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Answering settings ({@code docqa.answer.*}). */
@ConfigMapping(prefix = "docqa.answer")
public interface AnswerConfig {

    /** Passages retrieved and given as sources. */
    @WithDefault("6")
    int sources();

    /** Most sentences in an extractive answer. */
    @WithDefault("3")
    int maxSentences();

    /**
     * Cosine similarity between question and passage above which a passage counts as relevant even with few
     * shared words (calibrated on the development half of the real-corpora set with the default model: docs/benchmarks.md, "Relevance gate").
     */
    @WithDefault("0.65")
    double minSimilarity();

    /** Share of the question's content words a passage must contain to count as relevant on words alone. */
    @WithDefault("0.6")
    double minTermCoverage();

    /**
     * Share of the question's key-term weight (content words weighted by their rarity among the passages of the
     * collections searched) that a passage close in meaning must also hold to count as relevant: what keeps a near
     * miss that reads like the documents from being answered (calibrated on the development half of the real-corpora
     * set: docs/benchmarks.md, "Relevance gate on real corpora"). The key terms leave out the words that name the
     * documents asked about and question words. 0 turns the check off: the default, since on the development half
     * no floor separates near misses from answerable paraphrases, whose answers may share almost none of their words.
     */
    @WithDefault("0.0")
    double minKeyTermCoverage();
}
