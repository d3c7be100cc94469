package io.docqa.answer.model;

import java.util.List;

/**
 * An answer with its numbered citations. {@code mode} is "extractive" or "llm"; {@code grounded} is true only
 * when every sentence was checked against its cited source and found supported; {@code notice} tells the user
 * about anything unusual (e.g. the language model was unreachable). {@code sentences} holds the verification of
 * each sentence; {@code closest} lists the nearest passages when DocQA abstains (the documents do not answer).
 */
public record Answer(String answer, String mode, boolean grounded, List<Citation> citations, String notice,
        List<SentenceCheck> sentences, List<Citation> closest) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";

    /** What DocQA says when the documents do not answer the question. */
    public static final String NOT_FOUND =
            "Not found in the selected documents: they do not contain an answer to this question.";

    public Answer {
        citations = List.copyOf(citations);
        sentences = sentences == null ? List.of() : List.copyOf(sentences);
        closest = closest == null ? List.of() : List.copyOf(closest);
    }

    /** An answer not yet verified sentence by sentence. */
    public Answer(String answer, String mode, boolean grounded, List<Citation> citations, String notice) {
        this(answer, mode, grounded, citations, notice, List.of(), List.of());
    }

    public static Answer notFound(String mode, String notice) {
        return new Answer(NOT_FOUND, mode, false, List.of(), notice);
    }

    public boolean abstained() {
        return NOT_FOUND.equals(answer);
    }

    public Answer withVerification(List<SentenceCheck> checks, List<Citation> refinedCitations, boolean allSupported) {
        return new Answer(answer, mode, allSupported, refinedCitations, notice, checks, closest);
    }

    public Answer withClosest(List<Citation> passages) {
        return new Answer(answer, mode, grounded, citations, notice, sentences, passages);
    }

    public Answer withNotice(String text) {
        return new Answer(answer, mode, grounded, citations, text, sentences, closest);
    }
}
