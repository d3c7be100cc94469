package io.docqa.evaluate;

import java.util.List;
import java.util.Map;

/**
 * How the answer step did on a golden-QA dataset, in the server's answer mode ({@code extractive} or {@code llm}).
 * On answerable questions: {@code citationHit} (a citation points into a named document at a passage holding an
 * evidence phrase), {@code quoteHit} (stricter: the quoted sentence itself holds it), {@code falseAbstention}
 * ("not found" although the documents answer) and {@code grounded}; on unanswerable ones {@code abstention}. All
 * are shares (0–1); latency is per question, end to end. {@code byKind} breaks the shares down per question kind;
 * {@code misses} lists the questions that failed, for reading.
 */
public record AnswerResult(String mode, int answerable, int unanswerable, double citationHit, double quoteHit,
        double falseAbstention, double grounded, double abstention, double p50Ms, double p95Ms,
        Map<String, KindScore> byKind, List<Miss> misses) {

    public AnswerResult {
        byKind = Map.copyOf(byKind);
        misses = List.copyOf(misses);
    }

    /** Shares over one kind's questions (citation hit and false abstention for answerable kinds). */
    public record KindScore(int questions, double citationHit, double falseAbstention, double abstention) {
    }

    /**
     * A failed question: {@code outcome} is {@code not-retrieved} (no passage given to the answer step holds the
     * evidence), {@code not-cited} (one does, but the answer cites others), {@code false-abstention} or
     * {@code answered} (an unanswerable question got an answer).
     */
    public record Miss(String id, String kind, String outcome, String question, String answer) {
    }
}
