package io.docqa.answer.model;

import java.util.List;

/**
 * The verification of one answer sentence: the sentence (citation markers kept), the source numbers it cites,
 * whether its cited sources support it, the support score in [0, 1], and, when unsupported, why.
 */
public record SentenceCheck(String text, List<Integer> citations, boolean supported, double score, String problem) {

    public SentenceCheck {
        citations = List.copyOf(citations);
    }
}
