package io.docqa.ingest.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The job side of the documents table (the durable ingestion queue): claiming with {@code FOR UPDATE SKIP LOCKED},
 * retries with a due time, progress, batches and cancellation. Reading job states is {@link JobStates}' work; the
 * read methods here hand over to it.
 */
@ApplicationScoped
public class JobRepository {

    /** Error code of documents whose ingestion was cancelled by a person. */
    public static final String CANCELLED = "CANCELLED";

    private final Jdbi jdbi;
    private final JobStates states;

    public JobRepository(Jdbi jdbi, JobStates states) {
        this.jdbi = jdbi;
        this.states = states;
    }

    /** A claimed job: the document and which attempt this is (1 for the first). */
    public record Claim(long documentId, int attempt) {
    }

    /** Atomically takes the oldest due QUEUED document, marks it PROCESSING and counts the attempt. */
    public Optional<Claim> claimNext() {
        String sql = "UPDATE documents SET status = 'PROCESSING', attempts = attempts + 1, started_at = now(), "
                + "progress = 0, progress_stage = 'PARSING', updated_at = now() WHERE id = ("
                + "SELECT id FROM documents WHERE status = 'QUEUED' AND next_attempt_at <= now() ORDER BY id "
                + "FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, attempts";
        return jdbi.withHandle(h -> h.createQuery(sql).map((rs, ctx) -> new Claim(rs.getLong(1), rs.getInt(2))).findOne());
    }

    /** Puts a document with new content under a batch and, for a new version, links it to the one it replaces. */
    public void assign(long documentId, String batchId, Long replacesId, int version) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE documents SET batch_id = ?, replaces_id = ?, version = ? WHERE id = ?")
                .bind(0, batchId).bind(1, replacesId).bind(2, version).bind(3, documentId).execute());
    }

    /**
     * Records progress of a PROCESSING document and returns who asked to cancel it, if anyone did: workers check
     * between stages and embedding batches.
     */
    public Optional<String> progress(long documentId, String stage, double fraction) {
        String sql = "UPDATE documents SET progress_stage = ?, progress = ? WHERE id = ? RETURNING cancel_requested_by";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, stage).bind(1, (float) Math.max(0, Math.min(1, fraction)))
                .bind(2, documentId).map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).findOne())
                .orElse(Optional.of("deletion"));
    }

    /** Inside the caller's transaction: locks the row and returns who asked to cancel, if anyone. */
    public Optional<String> lockAndCheckCancel(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT cancel_requested_by FROM documents WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.of("deletion");
            }
        }
    }

    /** Hands a newly queued document to the workers once its original is stored (see DocumentRepository.insert). */
    public void release(long documentId) {
        jdbi.useHandle(h -> h.execute("UPDATE documents SET next_attempt_at = now() WHERE id = ? "
                + "AND next_attempt_at = 'infinity'", documentId));
    }

    /**
     * At start, after a crash or a kill: documents left PROCESSING are queued again, unless someone asked to cancel
     * them (they end CANCELLED) or they were already tried {@code maxAttempts} times (they end FAILED, so that a file
     * that brings the process down cannot do so forever). Returns how many were queued again.
     */
    public int resumeInterrupted(int maxAttempts) {
        String cancel = "UPDATE documents SET status = 'FAILED', error = 'Cancelled by ' || cancel_requested_by || '.', "
                + "error_code = '" + CANCELLED + "', updated_at = now() "
                + "WHERE status = 'PROCESSING' AND cancel_requested_by IS NOT NULL";
        String giveUp = "UPDATE documents SET status = 'FAILED', error = 'Ingestion was interrupted ' || attempts "
                + "|| ' times (the server stopped while processing this file); giving up.', error_code = 'INTERRUPTED', "
                + "updated_at = now() WHERE status = 'PROCESSING' AND attempts >= ?";
        String requeue = "UPDATE documents SET status = 'QUEUED', progress = 0, progress_stage = 'RETRY', "
                + "last_error = 'Interrupted by a server stop', next_attempt_at = now(), updated_at = now() "
                + "WHERE status = 'PROCESSING'";
        // an upload interrupted between queueing and release: let the worker try it (a missing original fails clearly)
        String unheld = "UPDATE documents SET next_attempt_at = now() WHERE status = 'QUEUED' AND next_attempt_at = 'infinity'";
        return jdbi.withHandle(h -> {
            h.execute(unheld);
            h.execute(cancel);
            h.execute(giveUp, maxAttempts);
            return h.execute(requeue);
        });
    }

    /** Deletes a document (and by cascade its chunks) inside the caller's transaction; false when there was none. */
    public boolean delete(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            ps.setLong(1, documentId);
            return ps.executeUpdate() == 1;
        }
    }

    /** A transient failure: the document is queued again, due after {@code delay}. */
    public void retryLater(long documentId, String error, Duration delay) {
        String sql = "UPDATE documents SET status = 'QUEUED', last_error = ?, progress = 0, progress_stage = 'RETRY', "
                + "next_attempt_at = now() + make_interval(secs => ?), updated_at = now() "
                + "WHERE id = ? AND status = 'PROCESSING'";
        jdbi.useHandle(h -> h.createUpdate(sql).bind(0, error).bind(1, delay.toMillis() / 1000.0).bind(2, documentId)
                .execute());
    }

    /**
     * Cancels one document: a QUEUED one ends FAILED (CANCELLED) at once, a PROCESSING one is flagged and its worker
     * stops at the next check. Returns false when the document was already final.
     */
    public boolean requestCancel(long documentId, String user) {
        return cancelWhere("id = :key", documentId, user) > 0;
    }

    /** Cancels every unfinished document of an upload batch; returns how many. */
    public int requestCancelBatch(String batchId, String user) {
        return cancelWhere("batch_id = :key", batchId, user);
    }

    private int cancelWhere(String where, Object key, String user) {
        String sql = "UPDATE documents SET cancel_requested_by = :user, "
                + "status = CASE WHEN status = 'QUEUED' THEN 'FAILED' ELSE status END, "
                + "error = CASE WHEN status = 'QUEUED' THEN :message ELSE error END, "
                + "error_code = CASE WHEN status = 'QUEUED' THEN '" + CANCELLED + "' ELSE error_code END, "
                + "progress_stage = CASE WHEN status = 'QUEUED' THEN 'FAILED' ELSE progress_stage END, "
                + "updated_at = now() WHERE " + where + " AND status IN ('QUEUED', 'PROCESSING')";
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("user", user).bind("message", cancelledMessage(user))
                .bindByType("key", key, key.getClass()).execute());
    }

    public static String cancelledMessage(String user) {
        return "Cancelled by " + (user == null ? "a user" : user) + ".";
    }

    public Optional<JobState> find(long documentId) {
        return states.find(documentId);
    }

    /** Job states of these documents. */
    public Map<Long, JobState> findByIds(Collection<Long> documentIds) {
        return states.findByIds(documentIds);
    }

    public Map<Long, JobState> findByCollection(long collectionId) {
        return states.findByCollection(collectionId);
    }

    /** See {@link JobStates#listActiveAndFailed}. */
    public List<JobState> listActiveAndFailed(List<Long> collectionIds, int limit) {
        return states.listActiveAndFailed(collectionIds, limit);
    }

    public Optional<Long> batchCollection(String batchId) {
        return states.batchCollection(batchId);
    }

    /** See {@link JobStates#workInFlight}. */
    public Optional<BatchSummary> workInFlight(long collectionId) {
        return states.workInFlight(collectionId);
    }

    public Optional<BatchSummary> batch(String batchId) {
        return states.batch(batchId);
    }
}
