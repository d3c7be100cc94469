package io.docqa.answer.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How answering went over a period: questions per day (UTC), the share of answers that abstained ("not found"),
 * the share of rated answers rated down, answer latency percentiles, and the questions most often answered "not
 * found".
 */
public record Insights(Instant from, Instant to, long questions, List<Day> questionsPerDay, double abstentionRate,
        long ratedAnswers, double negativeFeedbackRate, double latencyP50Ms, double latencyP95Ms,
        List<Frequent> notFound) {

    public record Day(LocalDate day, long questions) {
    }

    public record Frequent(String question, long times) {
    }
}
