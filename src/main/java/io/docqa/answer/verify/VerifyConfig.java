package io.docqa.answer.verify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sentence-level verification of answers ({@code docqa.answer.verify.*}); see docs/answers.md for the formula. */
@ConfigMapping(prefix = "docqa.answer.verify")
public interface VerifyConfig {

    /**
     * Support score at or above which a sentence counts as supported by its cited source. The score is
     * {@code lexicalWeight * share of the sentence's content words found in the source + (1 - lexicalWeight) *
     * best cosine similarity between the sentence and a sentence of the source}.
     */
    @WithDefault("0.65")
    double minSupport();

    /** Weight of the lexical part of the support score (the rest is embedding similarity). */
    @WithDefault("0.5")
    double lexicalWeight();
}
