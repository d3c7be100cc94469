package io.docqa.review;

import io.docqa.cluster.Instance;
import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.CellAnswer;
import io.docqa.review.cell.ReviewColumn;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The job side of the cells table (the durable queue of review cells), with the lease pattern of ingestion jobs:
 * a worker claims a QUEUED cell with {@code FOR UPDATE SKIP LOCKED}, which records this instance as its holder
 * ({@code owner}), counts the attempt and sets a lease ({@code lease_until}) that a heartbeat renews. The pair
 * (holder, attempt) fences the cell: the answer is written only while the cell is still RUNNING under that claim, so
 * a worker whose cell was cancelled, whose document was deleted or whose lease ran out and was taken over by another
 * instance writes nothing. Any instance re-queues RUNNING cells whose lease ran out.
 */
@ApplicationScoped
public class CellQueue {

    private static final String HELD = "review_id = :review AND document_id = :document AND column_key = :column"
            + " AND owner = :me AND attempts = :attempt AND state = 'RUNNING'";

    private final Jdbi jdbi;
    private final ReviewRepository reviews;
    private final ReviewConfig config;
    private final String me;

    public CellQueue(Jdbi jdbi, ReviewRepository reviews, ReviewConfig config, Instance instance) {
        this.jdbi = jdbi;
        this.reviews = reviews;
        this.config = config;
        this.me = instance.id();
    }

    /** A claimed cell: where it is, which attempt this is, and its column (the question to ask). */
    public record Claim(long reviewId, long documentId, ReviewColumn column, int attempt) {

        public Key key() {
            return new Key(reviewId, documentId, column.key());
        }
    }

    /** A cell's identity. */
    public record Key(long reviewId, long documentId, String columnKey) {
    }

    /** The holder this instance writes into the cells it claims. */
    public String owner() {
        return me;
    }

    /** Claims the next due QUEUED cell (oldest queued first), or nothing when none is due. */
    public Optional<Claim> claimNext() {
        String sql = "WITH next AS (SELECT review_id, document_id, column_key FROM review_cells"
                + " WHERE state = 'QUEUED' AND next_attempt_at <= now()"
                + " ORDER BY queued_at, review_id, document_id, column_key LIMIT 1 FOR UPDATE SKIP LOCKED),"
                + " claimed AS (UPDATE review_cells c SET state = 'RUNNING', attempts = c.attempts + 1, owner = :me,"
                + " lease_until = now() + make_interval(secs => :lease), started_at = now() FROM next"
                + " WHERE c.review_id = next.review_id AND c.document_id = next.document_id"
                + " AND c.column_key = next.column_key RETURNING c.review_id, c.document_id, c.column_key, c.attempts)"
                + " SELECT claimed.*, col.name, col.question, col.answer_type, col.instructions FROM claimed"
                + " JOIN review_columns col ON col.review_id = claimed.review_id AND col.column_key = claimed.column_key";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("me", me).bind("lease", seconds(config.lease()))
                .map((rs, ctx) -> new Claim(rs.getLong(1), rs.getLong(2), new ReviewColumn(rs.getString(3),
                        rs.getString(5), rs.getString(6), AnswerType.valueOf(rs.getString(7)), rs.getString(8)),
                        rs.getInt(4))).findOne());
    }

    /** Writes the answer of a claimed cell; false (nothing written) when the claim no longer holds it. */
    public boolean complete(Claim claim, CellAnswer answer) {
        String sql = "UPDATE review_cells SET state = 'DONE', status = :status, value = :value,"
                + " normalized = :normalized, score = :score, quotes = CAST(:quotes AS jsonb), message = :message,"
                + " finished_at = now(), owner = NULL, lease_until = NULL WHERE " + HELD;
        return jdbi.withHandle(h -> held(h.createUpdate(sql), claim).bind("status", answer.status().name())
                .bind("value", answer.value()).bind("normalized", answer.normalized()).bind("score", answer.score())
                .bind("quotes", reviews.write(answer.quotes())).bind("message", answer.message()).execute()) == 1;
    }

    /** A claimed cell whose document is gone: it ends DOCUMENT_DELETED (only while the claim holds it). */
    public boolean documentGone(Claim claim) {
        String sql = "UPDATE review_cells SET state = 'DOCUMENT_DELETED', message = 'The document was deleted.',"
                + " finished_at = now(), owner = NULL, lease_until = NULL WHERE " + HELD;
        return jdbi.withHandle(h -> held(h.createUpdate(sql), claim).execute()) == 1;
    }

    /**
     * The answerer failed: the cell is queued again after {@code delay}, or ends in status ERROR with {@code error} when
     * this was its last attempt (only while the claim holds it).
     */
    public boolean failed(Claim claim, String error, Duration delay) {
        String sql = "UPDATE review_cells SET state = CASE WHEN attempts >= :max THEN 'DONE' ELSE 'QUEUED' END,"
                + " status = CASE WHEN attempts >= :max THEN 'ERROR' END, message = :error,"
                + " finished_at = CASE WHEN attempts >= :max THEN now() END,"
                + " next_attempt_at = now() + make_interval(secs => :delay), owner = NULL, lease_until = NULL WHERE "
                + HELD;
        return jdbi.withHandle(h -> held(h.createUpdate(sql), claim).bind("max", config.maxAttempts())
                .bind("error", error).bind("delay", seconds(delay)).execute()) == 1;
    }

    /** Renews the leases of the given cells while this instance holds them; returns how many. */
    public int renew(Collection<Key> cells) {
        if (cells.isEmpty()) {
            return 0;
        }
        List<Key> keys = List.copyOf(cells);
        String sql = "UPDATE review_cells SET lease_until = now() + make_interval(secs => :lease)"
                + " WHERE owner = :me AND state = 'RUNNING' AND (review_id, document_id, column_key) IN"
                + " (SELECT * FROM unnest(:reviews, :documents, :columns))";
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("lease", seconds(config.lease())).bind("me", me)
                .bind("reviews", keys.stream().map(Key::reviewId).toArray(Long[]::new))
                .bind("documents", keys.stream().map(Key::documentId).toArray(Long[]::new))
                .bind("columns", keys.stream().map(Key::columnKey).toArray(String[]::new)).execute());
    }

    /** Re-queues the RUNNING cells whose lease ran out (their instance is gone); returns how many. */
    public int reapExpired() {
        return requeueWhere("(lease_until IS NULL OR lease_until < now())",
                "'Taken over: the instance computing it (' || coalesce(owner, 'unknown') || ') stopped'");
    }

    /** Re-queues the cells this instance (by its id) left RUNNING: at start after a crash, or at a stop. */
    public int recoverOwn() {
        return requeueWhere("owner = :me", "'Interrupted by a server stop'");
    }

    private int requeueWhere(String condition, String reason) {
        String sql = "UPDATE review_cells SET state = CASE WHEN attempts >= :max THEN 'DONE' ELSE 'QUEUED' END,"
                + " status = CASE WHEN attempts >= :max THEN 'ERROR' END,"
                + " message = CASE WHEN attempts >= :max THEN 'Computing this cell was interrupted ' || attempts"
                + " || ' times; giving up.' ELSE " + reason + " END,"
                + " finished_at = CASE WHEN attempts >= :max THEN now() END, next_attempt_at = now(), owner = NULL,"
                + " lease_until = NULL WHERE state = 'RUNNING' AND " + condition;
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("max", config.maxAttempts()).bind("me", me).execute());
    }

    /** Whether any cell is due now (workers sleep otherwise). */
    public boolean anyDue() {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM review_cells WHERE state = 'QUEUED'"
                + " AND next_attempt_at <= now())").mapTo(Boolean.class).one());
    }

    private <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T held(T statement, Claim claim) {
        return statement.bind("review", claim.reviewId()).bind("document", claim.documentId())
                .bind("column", claim.column().key()).bind("me", me).bind("attempt", claim.attempt());
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
