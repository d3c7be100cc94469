package io.docqa.answer.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Answering settings ({@code docqa.answer.*}). */
@ConfigMapping(prefix = "docqa.answer")
public interface AnswerConfig {

    /** Passages retrieved and given as sources. */
    @WithDefault("6")
    int sources();

    /**
     * Once the relevance gate has counted at least one retrieved passage as relevant, the retrieved passages it did
     * not count are sources of the answer too, after those it counted (in retrieval's order; of the named documents
     * only, when the question names some): the gate decides
     * whether to answer; a passage that answers a paraphrase in words of its own may fall below its similarity and
     * word floors while a passage sharing the question's words passes (docs/answers.md, "Sources of an answer").
     * {@code false} gives the answer the counted passages only.
     */
    @WithDefault("true")
    boolean uncountedSources();

    /** Most sentences in an extractive answer. */
    @WithDefault("3")
    int maxSentences();

    /**
     * Cosine similarity between question and passage above which a passage counts as relevant even with few
     * shared words (calibrated on the development half of the real-corpora set with the default model, leave one
     * corpus out: docs/benchmarks.md, "Relevance gate on real corpora").
     */
    @WithDefault("0.62")
    double minSimilarity();

    /**
     * Share of the question's key-term weight (as for {@link #minKeyTermCoverage()}) made of words that occur in no
     * passage of the collections searched, from which the question counts as asking about something the collections
     * may not cover ("a snap package", "the fish shell", "a printer driver"): then a passage counts only on what the
     * question points at exactly or on meaning, at {@link #minSimilarityWithAbsentTerms()}, and no longer on shared
     * words alone. Above 1 turns the check off.
     */
    @WithDefault("0.2")
    double absentTermShare();

    /**
     * Fewest passages the collections searched must hold for {@link #absentTermShare()} to apply: in a handful of
     * documents ordinary words ("long", "say", "start") are missing by chance and say nothing about the topic.
     */
    @WithDefault("100")
    int absentTermMinPassages();

    /**
     * Cosine similarity a passage needs to count when {@link #absentTermShare()} of the question's key terms occur
     * nowhere in the collections searched: an answerable paraphrase whose words the text does not use ("bail out",
     * "wildcard") is still close in meaning to its answer, a question about an uncovered topic only reads like the
     * collection.
     */
    @WithDefault("0.70")
    double minSimilarityWithAbsentTerms();

    /**
     * When {@link #absentTermShare()} applies, the dense ranking's first passage still counts at
     * {@link #minSimilarity()} if BM25 ranks it within this many places: both rankings agree on it, so the question
     * is about what it says even in words the text never uses ("a nickname for a command", "crash out when I misspell
     * a variable"), while a question about an uncovered topic ("a snap package") draws its words' passages from BM25
     * and others from the dense search. 0 turns it off.
     */
    @WithDefault("5")
    int absentTermAgreementRank();

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
