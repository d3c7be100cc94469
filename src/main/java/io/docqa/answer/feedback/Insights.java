package io.docqa.answer.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How answering went over a period: questions per day (UTC, with how many abstained), the share of answers that
 * abstained ("not found"), the share of rated answers rated down, answer latency percentiles, the questions most
 * often answered "not found", the share of checked answer sentences found unsupported by their cited sources
 * ({@code sentencesChecked} of them), and the latest answers rated down.
 */
public record Insights(Instant from, Instant to, long questions, List<Day> questionsPerDay, double abstentionRate,
        long ratedAnswers, double negativeFeedbackRate, double latencyP50Ms, double latencyP95Ms,
        List<Frequent> notFound, double latencyP99Ms, long sentencesChecked, double unsupportedSentenceShare,
        List<Negative> negativeAnswers) {

    public Insights {
        questionsPerDay = List.copyOf(questionsPerDay);
        notFound = List.copyOf(notFound);
        negativeAnswers = List.copyOf(negativeAnswers);
    }

    /** Questions asked on one day (UTC), and how many of them were answered "not found". */
    public record Day(LocalDate day, long questions, long abstained) {
    }

    public record Frequent(String question, long times) {
    }

    /** An answer rated down: the rating ({@code feedbackId}), the answer, why and what the user said. */
    public record Negative(long feedbackId, long answerId, String question, String answer, String reason,
            String comment, Instant ratedAt) {
    }
}
