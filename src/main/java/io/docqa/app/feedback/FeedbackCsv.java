package io.docqa.app.feedback;

import io.docqa.answer.feedback.AnswerRecord;
import io.docqa.answer.feedback.Feedback;
import io.docqa.answer.feedback.Insights;
import io.docqa.security.audit.AuditCsv;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Insights and feedback lists as RFC 4180 CSV for spreadsheets. Every text cell goes through {@link AuditCsv#cell},
 * so a question or comment starting with {@code =}, {@code +}, {@code -} or {@code @} cannot run as a formula.
 */
public final class FeedbackCsv {

    private FeedbackCsv() {
    }

    /**
     * The insights as one table of {@code section,key,value,count,comment} rows: the totals ({@code summary}), one row
     * per day ({@code day}: questions and how many abstained), the questions most often answered "not found"
     * ({@code not_found}: question and times) and the latest answers rated down ({@code negative}: question, reason,
     * answer id and the user's comment).
     */
    public static String insights(Insights i) {
        StringBuilder out = new StringBuilder("section,key,value,count,comment\r\n");
        row(out, "summary", "from", i.from().toString(), "");
        row(out, "summary", "to", i.to().toString(), "");
        row(out, "summary", "questions", Long.toString(i.questions()), "");
        row(out, "summary", "abstention_rate", number(i.abstentionRate()), "");
        row(out, "summary", "unsupported_sentence_share", number(i.unsupportedSentenceShare()),
                Long.toString(i.sentencesChecked()));
        row(out, "summary", "negative_feedback_rate", number(i.negativeFeedbackRate()), Long.toString(i.ratedAnswers()));
        row(out, "summary", "latency_p50_ms", number(i.latencyP50Ms()), "");
        row(out, "summary", "latency_p95_ms", number(i.latencyP95Ms()), "");
        row(out, "summary", "latency_p99_ms", number(i.latencyP99Ms()), "");
        for (Insights.Day d : i.questionsPerDay()) {
            row(out, "day", d.day().toString(), Long.toString(d.questions()), Long.toString(d.abstained()));
        }
        for (Insights.Frequent f : i.notFound()) {
            row(out, "not_found", f.question(), "", Long.toString(f.times()));
        }
        for (Insights.Negative n : i.negativeAnswers()) {
            row(out, "negative", n.question(), n.reason(), Long.toString(n.answerId()), n.comment());
        }
        return out.toString();
    }

    /** Ratings with the answers they rate, one row each. */
    public static String feedback(List<Feedback.Rated> rows) {
        StringBuilder out = new StringBuilder("feedback_id,answer_id,rated_at,user,rating,reason,comment,question,answer,"
                + "abstained,channel,collection_ids,correct_chunk_ids\r\n");
        for (Feedback.Rated r : rows) {
            Feedback f = r.feedback();
            AnswerRecord a = r.answer();
            out.append(f.id()).append(',').append(a.id()).append(',').append(f.updatedAt()).append(',')
                    .append(AuditCsv.cell(f.author())).append(',').append(f.rating().id()).append(',')
                    .append(AuditCsv.cell(f.reason() == null ? null : f.reason().id())).append(',')
                    .append(AuditCsv.cell(f.comment())).append(',').append(AuditCsv.cell(a.question())).append(',')
                    .append(AuditCsv.cell(a.answer())).append(',').append(a.abstained()).append(',')
                    .append(AuditCsv.cell(a.channel())).append(',').append(ids(a.collectionIds())).append(',')
                    .append(ids(f.correctChunkIds())).append("\r\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String section, String key, String value, String count) {
        row(out, section, key, value, count, null);
    }

    private static void row(StringBuilder out, String section, String key, String value, String count, String comment) {
        out.append(section).append(',').append(AuditCsv.cell(key)).append(',').append(AuditCsv.cell(value)).append(',')
                .append(count).append(',').append(AuditCsv.cell(comment)).append("\r\n");
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
