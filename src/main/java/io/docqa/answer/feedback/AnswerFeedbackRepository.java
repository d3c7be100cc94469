package io.docqa.answer.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.model.Citation;
import io.docqa.answer.model.SentenceCheck;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Recorded answers and their feedback in PostgreSQL (tables {@code answer_records}, {@code answer_feedback}). */
@ApplicationScoped
public class AnswerFeedbackRepository {

    private static final String ANSWER_COLUMNS = "a.id AS a_id, a.asked_by, a.asked_by_id, a.asked_at, a.channel, a.question, a.answer,"
            + " a.mode, a.grounded, a.abstained, a.citations, a.retrieved_chunk_ids, a.collection_ids, a.latency_ms,"
            + " a.conversation_id";
    private static final String FEEDBACK_COLUMNS = "f.id AS f_id, f.answer_id, f.author, f.rating, f.reason, f.comment,"
            + " f.correct_chunk_ids, f.created_at, f.updated_at";
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public AnswerFeedbackRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /**
     * What to record of a new answer; the database assigns id and time. {@code sentences}: the verification of each
     * sentence; {@code turnId}: the conversation turn it was given in, or null.
     */
    public record NewAnswer(long askedById, String askedBy, String channel, String question, String answer, String mode,
            boolean grounded, boolean abstained, List<Citation> citations, List<Long> retrievedChunkIds,
            List<Long> collectionIds, long latencyMs, Long conversationId, List<SentenceCheck> sentences, Long turnId) {
    }

    /** Stores the answer; returns its id. */
    public long insertAnswer(NewAnswer a) {
        String sql = "INSERT INTO answer_records(asked_by, channel, question, answer, mode, grounded, abstained,"
                + " citations, retrieved_chunk_ids, collection_ids, latency_ms, conversation_id, asked_by_id,"
                + " sentence_checks, turn_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id";
        String citations;
        String sentences;
        try {
            citations = json.writeValueAsString(a.citations());
            sentences = json.writeValueAsString(a.sentences() == null ? List.of() : a.sentences());
        } catch (JsonProcessingException e) {
            throw new DataAccessException("Could not store the answer's citations", e);
        }
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, a.askedBy()).bind(1, a.channel()).bind(2, a.question())
                .bind(3, a.answer()).bind(4, a.mode()).bind(5, a.grounded()).bind(6, a.abstained()).bind(7, citations)
                .bind(8, a.retrievedChunkIds().toArray(Long[]::new))
                .bind(9, a.collectionIds().stream().distinct().toArray(Long[]::new)).bind(10, a.latencyMs())
                .bind(11, a.conversationId()).bind(12, a.askedById()).bind(13, sentences).bind(14, a.turnId())
                .mapTo(Long.class).one());
    }

    public Optional<AnswerRecord> findAnswer(long id) {
        String sql = "SELECT " + ANSWER_COLUMNS + " FROM answer_records a WHERE a.id = ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, id).map((rs, ctx) -> answer(rs)).findOne());
    }

    /** Stores the author's rating of the answer, replacing the one they gave before; returns it as stored. */
    public Feedback upsert(long answerId, long authorId, String author, Feedback.Rating rating, Feedback.Reason reason, String comment,
            List<Long> correctChunkIds) {
        String sql = "INSERT INTO answer_feedback AS f (answer_id, author, rating, reason, comment, correct_chunk_ids, author_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, author_id) DO UPDATE SET rating = EXCLUDED.rating,"
                + " reason = EXCLUDED.reason, comment = EXCLUDED.comment, correct_chunk_ids = EXCLUDED.correct_chunk_ids,"
                + " updated_at = now() RETURNING " + FEEDBACK_COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, answerId).bind(1, author).bind(2, rating.id())
                .bind(3, reason == null ? null : reason.id()).bind(4, comment)
                .bind(5, correctChunkIds.toArray(Long[]::new)).bind(6, authorId).map((rs, ctx) -> feedback(rs)).one());
    }

    /** Which feedback to list: any filter may be null. */
    public record Filter(Long collectionId, Feedback.Rating rating, Instant from, Instant to) {
    }

    /** One page of feedback, newest first, with the answers rated. */
    public List<Feedback.Rated> find(Filter filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + ANSWER_COLUMNS + ", " + FEEDBACK_COLUMNS + " FROM answer_feedback f"
                + " JOIN answer_records a ON a.id = f.answer_id" + where(filter, args)
                + " ORDER BY f.updated_at DESC, f.id DESC OFFSET ? LIMIT ?";
        args.add(offset);
        args.add(limit);
        return jdbi.withHandle(h -> bindAll(h.createQuery(sql), args)
                .map((rs, ctx) -> new Feedback.Rated(feedback(rs), answer(rs))).list());
    }

    public long count(Filter filter) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM answer_feedback f JOIN answer_records a ON a.id = f.answer_id"
                + where(filter, args);
        return jdbi.withHandle(h -> bindAll(h.createQuery(sql), args).mapTo(Long.class).one());
    }

    /** The given feedback with the answers they rate, in the order of {@code ids}; unknown ids are left out. */
    public List<Feedback.Rated> findByIds(List<Long> ids) {
        String sql = "SELECT " + ANSWER_COLUMNS + ", " + FEEDBACK_COLUMNS + " FROM answer_feedback f"
                + " JOIN answer_records a ON a.id = f.answer_id WHERE f.id = ANY(?) ORDER BY array_position(?, f.id)";
        Long[] array = ids.toArray(Long[]::new);
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, array).bind(1, array)
                .map((rs, ctx) -> new Feedback.Rated(feedback(rs), answer(rs))).list());
    }

    /**
     * Insights over the answers asked in [from, to), optionally over one collection; {@code top}: how many frequent
     * "not found" questions and answers rated down to list.
     */
    public Insights insights(Long collectionId, Instant from, Instant to, int top) {
        String scope = " FROM answer_records a WHERE a.asked_at >= :from AND a.asked_at < :to"
                + (collectionId == null ? "" : " AND :collection = ANY(a.collection_ids)");
        String totals = "SELECT count(*) AS n, count(*) FILTER (WHERE a.abstained) AS abstained,"
                + " coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.latency_ms), 0) AS p50,"
                + " coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY a.latency_ms), 0) AS p95,"
                + " coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY a.latency_ms), 0) AS p99,"
                + " coalesce(sum(jsonb_array_length(a.sentence_checks)), 0) AS sentences,"
                + " coalesce(sum((SELECT count(*) FROM jsonb_array_elements(a.sentence_checks) s"
                + " WHERE s->>'supported' = 'false')), 0) AS unsupported,"
                + " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM answer_feedback f WHERE f.answer_id = a.id)) AS rated,"
                + " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM answer_feedback f WHERE f.answer_id = a.id"
                + " AND f.rating = 'down')) AS down" + scope;
        String days = "SELECT (a.asked_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n,"
                + " count(*) FILTER (WHERE a.abstained) AS abstained" + scope + " GROUP BY 1 ORDER BY 1";
        String notFound = "SELECT min(a.question) AS question, count(*) AS n" + scope
                + " AND a.abstained GROUP BY lower(btrim(a.question)) ORDER BY n DESC, question LIMIT :top";
        String negative = "SELECT f.id AS f_id, a.id AS a_id, a.question, a.answer, f.reason, f.comment, f.updated_at"
                + scope.replace(" FROM answer_records a WHERE", " FROM answer_records a JOIN answer_feedback f"
                        + " ON f.answer_id = a.id WHERE f.rating = 'down' AND")
                + " ORDER BY f.updated_at DESC, f.id DESC LIMIT :top";
        return jdbi.withHandle(h -> {
            java.util.function.UnaryOperator<Query> bind = q -> {
                q.bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to));
                return collectionId == null ? q : q.bind("collection", collectionId);
            };
            List<Insights.Day> perDay = bind.apply(h.createQuery(days))
                    .map((rs, ctx) -> new Insights.Day(rs.getObject("day", java.time.LocalDate.class), rs.getLong("n"),
                            rs.getLong("abstained")))
                    .list();
            List<Insights.Frequent> frequent = bind.apply(h.createQuery(notFound)).bind("top", top)
                    .map((rs, ctx) -> new Insights.Frequent(rs.getString("question"), rs.getLong("n"))).list();
            List<Insights.Negative> down = bind.apply(h.createQuery(negative)).bind("top", top)
                    .map((rs, ctx) -> new Insights.Negative(rs.getLong("f_id"), rs.getLong("a_id"),
                            rs.getString("question"), rs.getString("answer"), rs.getString("reason"),
                            rs.getString("comment"), rs.getTimestamp("updated_at").toInstant()))
                    .list();
            return bind.apply(h.createQuery(totals)).map((rs, ctx) -> {
                long n = rs.getLong("n");
                long rated = rs.getLong("rated");
                long sentences = rs.getLong("sentences");
                return new Insights(from, to, n, perDay, n == 0 ? 0 : (double) rs.getLong("abstained") / n, rated,
                        rated == 0 ? 0 : (double) rs.getLong("down") / rated, rs.getDouble("p50"), rs.getDouble("p95"),
                        frequent, rs.getDouble("p99"), sentences,
                        sentences == 0 ? 0 : (double) rs.getLong("unsupported") / sentences, down);
            }).one();
        });
    }

    /** Deletes answers (with their feedback) asked before {@code cutoff}; returns how many. */
    public int purgeBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM answer_records WHERE asked_at < ?", Timestamp.from(cutoff)));
    }

    private static String where(Filter f, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (f.collectionId() != null) {
            terms.add("? = ANY(a.collection_ids)");
            args.add(f.collectionId());
        }
        if (f.rating() != null) {
            terms.add("f.rating = ?");
            args.add(f.rating().id());
        }
        if (f.from() != null) {
            terms.add("f.updated_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            terms.add("f.updated_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static Query bindAll(Query q, List<Object> args) {
        for (int i = 0; i < args.size(); i++) {
            q.bind(i, args.get(i));
        }
        return q;
    }

    private AnswerRecord answer(ResultSet rs) throws SQLException {
        List<Citation> citations;
        try {
            citations = json.readValue(rs.getString("citations"), CITATIONS);
        } catch (JsonProcessingException e) {
            throw new DataAccessException("Could not read the citations of answer " + rs.getLong("a_id"), e);
        }
        Long conversation = rs.getObject("conversation_id", Long.class);
        return new AnswerRecord(rs.getLong("a_id"), rs.getLong("asked_by_id"), rs.getString("asked_by"), rs.getTimestamp("asked_at").toInstant(),
                rs.getString("channel"), rs.getString("question"), rs.getString("answer"), rs.getString("mode"),
                rs.getBoolean("grounded"), rs.getBoolean("abstained"), citations, longs(rs.getArray("retrieved_chunk_ids")),
                longs(rs.getArray("collection_ids")), rs.getLong("latency_ms"), conversation);
    }

    private static Feedback feedback(ResultSet rs) throws SQLException {
        String reason = rs.getString("reason");
        return new Feedback(rs.getLong("f_id"), rs.getLong("answer_id"), rs.getString("author"),
                Feedback.Rating.valueOf(rs.getString("rating").toUpperCase(java.util.Locale.ROOT)),
                reason == null ? null : Feedback.Reason.valueOf(reason.toUpperCase(java.util.Locale.ROOT)),
                rs.getString("comment"), longs(rs.getArray("correct_chunk_ids")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<Long> longs(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Long[]) array.getArray());
    }
}
