package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job side of the documents table (the durable ingestion queue): claiming with {@code FOR UPDATE SKIP LOCKED},
 * retries with a due time, progress, batches and cancellation.
 */
@ApplicationScoped
public class JobRepository {

    /** Error code of documents whose ingestion was cancelled by a person. */
    public static final String CANCELLED = "CANCELLED";

    private static final String COLUMNS = "id, collection_id, name, status, progress_stage, progress, attempts, "
            + "next_attempt_at, last_error, error, error_code, batch_id, cancel_requested_by, version, replaces_id, "
            + "created_at, started_at, updated_at";

    private final AgroalDataSource dataSource;

    public JobRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Claim(rs.getLong(1), rs.getInt(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new DataAccessException("Could not claim queued work", e);
        }
    }

    /** Puts a document with new content under a batch and, for a new version, links it to the one it replaces. */
    public void assign(long documentId, String batchId, Long replacesId, int version) {
        String sql = "UPDATE documents SET batch_id = ?, replaces_id = ?, version = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, batchId);
            ps.setObject(2, replacesId);
            ps.setInt(3, version);
            ps.setLong(4, documentId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not update document " + documentId, e);
        }
    }

    /**
     * Records progress of a PROCESSING document and returns who asked to cancel it, if anyone did: workers check
     * between stages and embedding batches.
     */
    public Optional<String> progress(long documentId, String stage, double fraction) {
        String sql = "UPDATE documents SET progress_stage = ?, progress = ? WHERE id = ? RETURNING cancel_requested_by";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, stage);
            ps.setFloat(2, (float) Math.max(0, Math.min(1, fraction)));
            ps.setLong(3, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.of("deletion");
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not update progress of document " + documentId, e);
        }
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

    /**
     * At start, after a crash or a kill: documents left PROCESSING are queued again, unless someone asked to cancel
     * them (they end CANCELLED) or they were already tried {@code maxAttempts} times (they end FAILED, so that a file
     * that brings the process down cannot do so forever). Returns how many were queued again.
     */
    /** Hands a newly queued document to the workers once its original is stored (see DocumentRepository.insert). */
    public void release(long documentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE documents SET next_attempt_at = now() WHERE id = ? AND next_attempt_at = 'infinity'")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not queue document " + documentId, e);
        }
    }

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
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(unheld)) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(cancel)) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(giveUp)) {
                ps.setInt(1, maxAttempts);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(requeue)) {
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not resume interrupted work", e);
        }
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, error);
            ps.setDouble(2, delay.toMillis() / 1000.0);
            ps.setLong(3, documentId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not requeue document " + documentId, e);
        }
    }

    /**
     * Cancels one document: a QUEUED one ends FAILED (CANCELLED) at once, a PROCESSING one is flagged and its worker
     * stops at the next check. Returns false when the document was already final.
     */
    public boolean requestCancel(long documentId, String user) {
        return cancelWhere("id = ?", ps -> ps.setLong(3, documentId), user) > 0;
    }

    /** Cancels every unfinished document of an upload batch; returns how many. */
    public int requestCancelBatch(String batchId, String user) {
        return cancelWhere("batch_id = ?", ps -> ps.setString(3, batchId), user);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int cancelWhere(String where, Binder binder, String user) {
        String sql = "UPDATE documents SET cancel_requested_by = ?, "
                + "status = CASE WHEN status = 'QUEUED' THEN 'FAILED' ELSE status END, "
                + "error = CASE WHEN status = 'QUEUED' THEN ? ELSE error END, "
                + "error_code = CASE WHEN status = 'QUEUED' THEN '" + CANCELLED + "' ELSE error_code END, "
                + "progress_stage = CASE WHEN status = 'QUEUED' THEN 'FAILED' ELSE progress_stage END, "
                + "updated_at = now() WHERE " + where + " AND status IN ('QUEUED', 'PROCESSING')";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user);
            ps.setString(2, cancelledMessage(user));
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not cancel", e);
        }
    }

    public static String cancelledMessage(String user) {
        return "Cancelled by " + (user == null ? "a user" : user) + ".";
    }

    public Optional<JobState> find(long documentId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE id = ?")) {
            ps.setLong(1, documentId);
            return list(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new DataAccessException("Could not read job " + documentId, e);
        }
    }

    /** The jobs of a collection's documents, by document id. */
    /** Job states of these documents. */
    public java.util.Map<Long, JobState> findByIds(java.util.Collection<Long> documentIds) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", documentIds.toArray()));
            return byDocument(ps);
        } catch (SQLException e) {
            throw new DataAccessException("Could not read jobs", e);
        }
    }

    public java.util.Map<Long, JobState> findByCollection(long collectionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE collection_id = ?")) {
            ps.setLong(1, collectionId);
            return byDocument(ps);
        } catch (SQLException e) {
            throw new DataAccessException("Could not read jobs", e);
        }
    }

    private static java.util.Map<Long, JobState> byDocument(PreparedStatement ps) throws SQLException {
        java.util.Map<Long, JobState> out = new java.util.HashMap<>();
        list(ps).forEach(j -> out.put(j.documentId(), j));
        return out;
    }

    /**
     * Running and queued work (oldest first), then the most recent failures, in the given collections only; at most
     * {@code limit} of each.
     */
    public List<JobState> listActiveAndFailed(List<Long> collectionIds, int limit) {
        String active = "SELECT " + COLUMNS + " FROM documents WHERE status IN ('PROCESSING', 'QUEUED') "
                + "AND collection_id = ANY(?) ORDER BY status DESC, id LIMIT ?";
        String failed = "SELECT " + COLUMNS + " FROM documents WHERE status = 'FAILED' AND collection_id = ANY(?) "
                + "ORDER BY updated_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection()) {
            List<JobState> out = new ArrayList<>();
            for (String sql : List.of(active, failed)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, c.createArrayOf("bigint", collectionIds.toArray()));
                    ps.setInt(2, limit);
                    out.addAll(list(ps));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list jobs", e);
        }
    }

    /** The collection an upload batch went into (a batch is one upload request, into one collection). */
    public Optional<Long> batchCollection(String batchId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT collection_id FROM documents WHERE batch_id = ? ORDER BY id LIMIT 1")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read batch " + batchId, e);
        }
    }

    /** Counts by status, work done (finished documents whole, those in flight by their progress), first start. */
    private static final String BATCH_COUNTS = "SELECT count(*), count(*) FILTER (WHERE status = 'QUEUED'), "
            + "count(*) FILTER (WHERE status = 'PROCESSING'), count(*) FILTER (WHERE status = 'READY'), "
            + "count(*) FILTER (WHERE status = 'FAILED'), "
            + "coalesce(sum(CASE WHEN status IN ('READY', 'FAILED') THEN 1 WHEN status = 'PROCESSING' THEN progress ELSE 0 END), 0), "
            + "min(started_at), max(updated_at) FILTER (WHERE status IN ('READY', 'FAILED')) FROM documents ";

    private static BatchSummary batchCounts(PreparedStatement ps, String batchId) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new BatchSummary(batchId, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                    rs.getDouble(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), List.of());
        }
    }

    /**
     * The work in flight in a collection, wherever it was uploaded from (the documents view, REST, the
     * {@code ingest} command, the watched folder): counts over every upload batch of the collection that still has
     * a document queued or processing, so that finished files of those batches count towards the progress and the
     * time left. Empty when nothing is queued or processing. The batch id of the summary is null; no failures listed.
     */
    public Optional<BatchSummary> workInFlight(long collectionId) {
        String sql = "WITH open AS (SELECT DISTINCT batch_id FROM documents WHERE collection_id = ? "
                + "AND status IN ('QUEUED', 'PROCESSING') AND batch_id IS NOT NULL) "
                + BATCH_COUNTS + "WHERE collection_id = ? AND batch_id IN (SELECT batch_id FROM open)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setLong(2, collectionId);
            BatchSummary summary = batchCounts(ps, null);
            return summary.total() == 0 ? Optional.empty() : Optional.of(summary);
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the work in flight of collection " + collectionId, e);
        }
    }

    /** A batch's counts, or empty when no document carries this batch id. */
    public Optional<BatchSummary> batch(String batchId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                BATCH_COUNTS + "WHERE batch_id = ?")) {
            ps.setString(1, batchId);
            BatchSummary summary = batchCounts(ps, batchId);
            int total = summary.total();
            if (total == 0) {
                return Optional.empty();
            }
            try (PreparedStatement f = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM documents WHERE batch_id = ? AND status = 'FAILED' ORDER BY id LIMIT 1000")) {
                f.setString(1, batchId);
                List<JobState> failures = list(f);
                return Optional.of(new BatchSummary(summary.batchId(), summary.total(), summary.queued(),
                        summary.processing(), summary.ready(), summary.failed(), summary.progressSum(),
                        summary.firstStarted(), summary.lastFinished(), failures));
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read batch " + batchId, e);
        }
    }

    private static List<JobState> list(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<JobState> out = new ArrayList<>();
            while (rs.next()) {
                DocumentStatus status = DocumentStatus.valueOf(rs.getString("status"));
                String stage = rs.getString("progress_stage");
                double progress = rs.getFloat("progress");
                if (status == DocumentStatus.READY) {
                    stage = "DONE";
                    progress = 1;
                } else if (status == DocumentStatus.FAILED) {
                    stage = "FAILED";
                    progress = 1;
                } else if (status == DocumentStatus.QUEUED) {
                    stage = stage == null || !"RETRY".equals(stage) ? "QUEUED" : stage;
                    progress = 0;
                }
                long replaces = rs.getLong("replaces_id");
                Long replacesId = rs.wasNull() ? null : replaces;
                out.add(new JobState(rs.getLong("id"), rs.getLong("collection_id"), rs.getString("name"), status, stage,
                        progress, rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
                        rs.getString("last_error"), rs.getString("error"), rs.getString("error_code"),
                        rs.getString("batch_id"), rs.getString("cancel_requested_by"), rs.getInt("version"), replacesId,
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                        instant(rs.getTimestamp("updated_at"))));
            }
            return out;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
