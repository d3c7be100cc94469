package io.docqa.ingest.jobs;

import io.docqa.cluster.Instance;
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
 * leases, retries with a due time, progress, batches and cancellation. Reading job states is {@link JobStates}' work;
 * the read methods here hand over to it.
 *
 * <p>A claimed document records its holder ({@link Instance#id()}) and a lease ({@code lease_until}) that the holder
 * renews with every progress update and by a heartbeat. The pair (holder, attempt) fences the job: every write of a
 * worker (progress, retry, final state, the commit of its chunks) names the claim it works for and takes effect only
 * while the row is still PROCESSING under that claim. A worker whose lease ran out and whose job was taken over thus
 * discards its work instead of writing over the new holder's. Times are the database's ({@code now()}), so the
 * instances' clocks do not matter.
 */
@ApplicationScoped
public class JobRepository {

    /** Error code of documents whose ingestion was cancelled by a person. */
    public static final String CANCELLED = "CANCELLED";

    /** Error code of documents given up on because their ingestion was interrupted {@code maxAttempts} times. */
    public static final String INTERRUPTED = "INTERRUPTED";

    /**
     * A document queued but not yet released this long ago, without a lease (written by a version before upload
     * leases), belongs to an upload that died before storing it.
     */
    static final Duration UNRELEASED_UPLOAD_GRACE = Duration.ofMinutes(15);

    /** The fence of a job: PROCESSING, held by this instance, in this attempt (named parameters :id, :me, :attempt). */
    private static final String HELD = "id = :id AND owner = :me AND attempts = :attempt AND status = 'PROCESSING'";

    private final Jdbi jdbi;
    private final JobStates states;
    private final String me;
    private final double leaseSeconds;

    public JobRepository(Jdbi jdbi, JobStates states, Instance instance, JobsConfig config) {
        this.jdbi = jdbi;
        this.states = states;
        this.me = instance.id();
        this.leaseSeconds = config.lease().toMillis() / 1000.0;
    }

    /** A claimed job: the document and which attempt this is (1 for the first). */
    public record Claim(long documentId, int attempt) {
    }

    /** How many documents a sweep over lost or interrupted jobs queued again and how many it ended. */
    public record Recovered(int requeued, int ended) {
        public int total() {
            return requeued + ended;
        }
    }

    /** The name this instance holds jobs under. */
    public String owner() {
        return me;
    }

    /**
     * Atomically takes the oldest due QUEUED document, marks it PROCESSING under this instance's lease and counts
     * the attempt.
     */
    public Optional<Claim> claimNext() {
        String sql = "UPDATE documents SET status = 'PROCESSING', attempts = attempts + 1, started_at = now(), "
                + "progress = 0, progress_stage = 'PARSING', owner = :me, "
                + "lease_until = now() + make_interval(secs => :lease), updated_at = now() WHERE id = ("
                + "SELECT id FROM documents WHERE status = 'QUEUED' AND next_attempt_at <= now() ORDER BY id "
                + "FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, attempts";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("me", me).bind("lease", leaseSeconds)
                .map((rs, ctx) -> new Claim(rs.getLong(1), rs.getInt(2))).findOne());
    }

    /** Puts a document with new content under a batch and, for a new version, links it to the one it replaces. */
    public void assign(long documentId, String batchId, Long replacesId, int version) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE documents SET batch_id = ?, replaces_id = ?, version = ? WHERE id = ?")
                .bind(0, batchId).bind(1, replacesId).bind(2, version).bind(3, documentId).execute());
    }

    /**
     * Records progress of a job this instance holds, renews its lease and returns who asked to cancel it, if anyone
     * did: workers check between stages and embedding batches. Throws {@link LeaseLostException} when the job is no
     * longer this claim's (deleted, or taken over after the lease ran out): the worker must drop it.
     */
    public Optional<String> progress(Claim claim, String stage, double fraction) {
        String sql = "UPDATE documents SET progress_stage = :stage, progress = :progress, "
                + "lease_until = now() + make_interval(secs => :lease) WHERE " + HELD + " RETURNING cancel_requested_by";
        return jdbi.withHandle(h -> held(h.createQuery(sql), claim).bind("stage", stage)
                .bind("progress", (float) Math.max(0, Math.min(1, fraction))).bind("lease", leaseSeconds)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).findOne())
                .orElseThrow(() -> new LeaseLostException(claim.documentId()));
    }

    /**
     * Inside the caller's transaction: locks the row, verifies that this claim still holds the job (else throws
     * {@link LeaseLostException}, and the caller must roll back) and returns who asked to cancel, if anyone. While the
     * lock is held no other instance can take the job over, so what the caller commits is the holder's work only.
     */
    public Optional<String> lockAndCheckCancel(Connection c, Claim claim) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT cancel_requested_by, owner, attempts, status FROM documents WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, claim.documentId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !me.equals(rs.getString(2)) || rs.getInt(3) != claim.attempt()
                        || !"PROCESSING".equals(rs.getString(4))) {
                    throw new LeaseLostException(claim.documentId());
                }
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /**
     * Renews the leases of the jobs this instance is working on (the heartbeat while a long stage runs without
     * progress updates); returns how many it renewed.
     */
    public int renew(Collection<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return 0;
        }
        String sql = "UPDATE documents SET lease_until = now() + make_interval(secs => :lease) "
                + "WHERE id = ANY(:ids) AND owner = :me "
                + "AND (status = 'PROCESSING' OR status = 'QUEUED' AND next_attempt_at = 'infinity')";
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("lease", leaseSeconds).bind("me", me)
                .bind("ids", documentIds.toArray(Long[]::new)).execute());
    }

    /**
     * The final failure of a job, written only while this claim holds it; false (and nothing written) when it no
     * longer does.
     */
    public boolean fail(Claim claim, String error, String errorCode) {
        String sql = "UPDATE documents SET status = 'FAILED', error = :error, error_code = :code, lease_until = NULL, "
                + "updated_at = now() WHERE " + HELD;
        return jdbi.withHandle(h -> held(h.createUpdate(sql), claim).bind("error", error).bind("code", errorCode)
                .execute()) == 1;
    }

    /**
     * Holds a newly queued document, not yet released to the workers, under this instance's lease while its original
     * is being stored (renewed like a claimed job's, see {@link JobLeases#hold}): when this instance dies before
     * {@link #release}, the reaper hands the document to the workers as soon as the lease runs out.
     */
    public void holdUnreleased(long documentId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE documents SET owner = :me, lease_until = now() + make_interval(secs "
                + "=> :lease) WHERE id = :id AND next_attempt_at = 'infinity'").bind("me", me)
                .bind("lease", leaseSeconds).bind("id", documentId).execute());
    }

    /** Hands a newly queued document to the workers once its original is stored (see DocumentRepository.insert). */
    public void release(long documentId) {
        jdbi.useHandle(h -> h.execute("UPDATE documents SET next_attempt_at = now(), owner = NULL, lease_until = NULL "
                + "WHERE id = ? AND next_attempt_at = 'infinity'", documentId));
    }

    /**
     * The reaper's sweep, cheap enough to run every few seconds on every instance: documents left PROCESSING whose
     * lease ran out (their instance stopped or lost the database) are queued again, unless someone asked to cancel
     * them (they end CANCELLED) or they were already tried {@code maxAttempts} times (they end FAILED, so that a file
     * that brings the process down cannot do so forever). Jobs of live instances are not touched. Also lets the
     * workers try documents of uploads that died between queueing and storing the original (a missing original then
     * fails clearly).
     */
    public Recovered reapExpired(int maxAttempts) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE documents SET next_attempt_at = now(), owner = NULL, "
                + "lease_until = NULL, last_error = 'Released by another instance: the instance receiving the upload ("
                + "' || coalesce(owner, 'unknown') || ') stopped before it finished' WHERE status = 'QUEUED' "
                + "AND next_attempt_at = 'infinity' AND (lease_until < now() "
                + "OR lease_until IS NULL AND created_at < now() - make_interval(secs => :grace))")
                .bind("grace", (double) UNRELEASED_UPLOAD_GRACE.toSeconds()).execute());
        return requeueWhere("(lease_until IS NULL OR lease_until < now())",
                "'Taken over: the instance processing it (' || coalesce(owner, 'unknown') || ') stopped'",
                maxAttempts, Map.of());
    }

    /**
     * Queues again the documents that this instance (by its id) left PROCESSING: at start, those of an earlier
     * run under the same configured instance id that was killed; at a stop, those its workers did not finish in
     * time (the interrupted workers' later writes are then refused). Counts the attempt like {@link #reapExpired}.
     */
    public Recovered recoverOwn(int maxAttempts) {
        return requeueWhere("owner = :me", "'Interrupted by a server stop'", maxAttempts, Map.of("me", me));
    }

    private Recovered requeueWhere(String condition, String reason, int maxAttempts, Map<String, Object> binds) {
        String ends = "(cancel_requested_by IS NOT NULL OR attempts >= :max)";
        String sql = "UPDATE documents SET "
                + "status = CASE WHEN " + ends + " THEN 'FAILED' ELSE 'QUEUED' END, "
                + "error = CASE WHEN cancel_requested_by IS NOT NULL THEN 'Cancelled by ' || cancel_requested_by || '.' "
                + "WHEN attempts >= :max THEN 'Ingestion was interrupted ' || attempts || ' times (the server stopped "
                + "while processing this file); giving up.' ELSE error END, "
                + "error_code = CASE WHEN cancel_requested_by IS NOT NULL THEN '" + CANCELLED + "' "
                + "WHEN attempts >= :max THEN '" + INTERRUPTED + "' ELSE error_code END, "
                + "last_error = CASE WHEN " + ends + " THEN last_error ELSE " + reason + " END, "
                + "progress = 0, progress_stage = CASE WHEN " + ends + " THEN 'FAILED' ELSE 'RETRY' END, "
                + "owner = CASE WHEN " + ends + " THEN owner END, lease_until = NULL, "
                + "next_attempt_at = now(), updated_at = now() "
                + "WHERE status = 'PROCESSING' AND " + condition + " RETURNING status";
        List<String> after = jdbi.withHandle(h -> {
            var update = h.createQuery(sql).bind("max", maxAttempts);
            binds.forEach(update::bind);
            return update.mapTo(String.class).list();
        });
        int requeued = (int) after.stream().filter("QUEUED"::equals).count();
        return new Recovered(requeued, after.size() - requeued);
    }

    /** Deletes a document (and by cascade its chunks) inside the caller's transaction; false when there was none. */
    public boolean delete(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            ps.setLong(1, documentId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * A transient failure: the document is queued again, due after {@code delay}; only while this claim holds it
     * (false and nothing written otherwise).
     */
    public boolean retryLater(Claim claim, String error, Duration delay) {
        String sql = "UPDATE documents SET status = 'QUEUED', last_error = :error, progress = 0, progress_stage = 'RETRY', "
                + "next_attempt_at = now() + make_interval(secs => :delay), owner = NULL, lease_until = NULL, "
                + "updated_at = now() WHERE " + HELD;
        return jdbi.withHandle(h -> held(h.createUpdate(sql), claim).bind("error", error)
                .bind("delay", delay.toMillis() / 1000.0).execute()) == 1;
    }

    private <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T held(T statement, Claim claim) {
        return statement.bind("id", claim.documentId()).bind("me", me).bind("attempt", claim.attempt());
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
