package io.docqa.ingest.jobs;

import io.docqa.corpus.DocumentStatus;
import io.docqa.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The read side of the ingestion queue: job states and upload-batch progress as people and programs follow them.
 * Kept apart from {@link JobRepository}, which moves jobs through their states.
 */
@ApplicationScoped
public class JobStates {

    private static final String SELECT = "SELECT id, collection_id, name, status, progress_stage, progress, attempts, "
            + "next_attempt_at, last_error, error, error_code, batch_id, cancel_requested_by, version, replaces_id, "
            + "created_at, started_at, updated_at, owner FROM documents ";

    /** Counts by status, work done (finished documents whole, those in flight by their progress), first start. */
    private static final String BATCH_COUNTS = "SELECT count(*), count(*) FILTER (WHERE status = 'QUEUED'), "
            + "count(*) FILTER (WHERE status = 'PROCESSING'), count(*) FILTER (WHERE status = 'READY'), "
            + "count(*) FILTER (WHERE status = 'FAILED'), "
            + "coalesce(sum(CASE WHEN status IN ('READY', 'FAILED') THEN 1 WHEN status = 'PROCESSING' THEN progress ELSE 0 END), 0), "
            + "min(started_at), max(updated_at) FILTER (WHERE status IN ('READY', 'FAILED')) FROM documents ";

    private final Jdbi jdbi;

    public JobStates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<JobState> find(long documentId) {
        return jdbi.withHandle(h -> jobs(h, SELECT + "WHERE id = ?", q -> q.bind(0, documentId))).stream().findFirst();
    }

    /** Job states of these documents, by document id. */
    public Map<Long, JobState> findByIds(Collection<Long> documentIds) {
        return byDocument(SELECT + "WHERE id = ANY(?)", q -> q.bind(0, documentIds.toArray(Long[]::new)));
    }

    /** The jobs of a collection's documents, by document id. */
    public Map<Long, JobState> findByCollection(long collectionId) {
        return byDocument(SELECT + "WHERE collection_id = ?", q -> q.bind(0, collectionId));
    }

    /**
     * Running and queued work (oldest first), then the most recent failures, in the given collections only; at most
     * {@code limit} of each.
     */
    public List<JobState> listActiveAndFailed(List<Long> collectionIds, int limit) {
        String active = SELECT + "WHERE status IN ('PROCESSING', 'QUEUED') AND collection_id = ANY(?) "
                + "ORDER BY status DESC, id LIMIT ?";
        String failed = SELECT + "WHERE status = 'FAILED' AND collection_id = ANY(?) ORDER BY updated_at DESC, id DESC LIMIT ?";
        Long[] ids = collectionIds.toArray(Long[]::new);
        return jdbi.withHandle(h -> {
            List<JobState> out = new ArrayList<>();
            for (String sql : List.of(active, failed)) {
                out.addAll(jobs(h, sql, q -> q.bind(0, ids).bind(1, limit)));
            }
            return out;
        });
    }

    /** The collection an upload batch went into (a batch is one upload request, into one collection). */
    public Optional<Long> batchCollection(String batchId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT collection_id FROM documents WHERE batch_id = ? ORDER BY id LIMIT 1")
                .bind(0, batchId).mapTo(Long.class).findOne());
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
        BatchSummary summary = jdbi.withHandle(h -> batchCounts(h.createQuery(sql).bind(0, collectionId)
                .bind(1, collectionId), null, List.of()));
        return summary.total() == 0 ? Optional.empty() : Optional.of(summary);
    }

    /** A batch's counts, or empty when no document carries this batch id. */
    public Optional<BatchSummary> batch(String batchId) {
        return jdbi.withHandle(h -> {
            List<JobState> failures = jobs(h, SELECT + "WHERE batch_id = ? AND status = 'FAILED' ORDER BY id LIMIT 1000",
                    q -> q.bind(0, batchId));
            BatchSummary summary = batchCounts(h.createQuery(BATCH_COUNTS + "WHERE batch_id = ?").bind(0, batchId),
                    batchId, failures);
            return summary.total() == 0 ? Optional.empty() : Optional.of(summary);
        });
    }

    private static BatchSummary batchCounts(Query query, String batchId, List<JobState> failures) {
        return query.map((rs, ctx) -> new BatchSummary(batchId, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                rs.getInt(5), rs.getDouble(6), Sql.instant(rs.getTimestamp(7)), Sql.instant(rs.getTimestamp(8)), failures))
                .one();
    }

    private Map<Long, JobState> byDocument(String sql, Function<Query, Query> binder) {
        Map<Long, JobState> out = new HashMap<>();
        jdbi.withHandle(h -> jobs(h, sql, binder)).forEach(j -> out.put(j.documentId(), j));
        return out;
    }

    private static List<JobState> jobs(Handle h, String sql, Function<Query, Query> binder) {
        return binder.apply(h.createQuery(sql)).map((rs, ctx) -> map(rs)).list();
    }

    /** A job as its owner sees it: finished jobs are DONE or FAILED at full progress, queued ones at none. */
    private static JobState map(ResultSet rs) throws SQLException {
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
        return new JobState(rs.getLong("id"), rs.getLong("collection_id"), rs.getString("name"), status, stage,
                progress, rs.getInt("attempts"), Sql.instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"), rs.getString("error"), rs.getString("error_code"),
                rs.getString("batch_id"), rs.getString("cancel_requested_by"), rs.getInt("version"), replacesId,
                Sql.instant(rs.getTimestamp("created_at")), Sql.instant(rs.getTimestamp("started_at")),
                Sql.instant(rs.getTimestamp("updated_at")), rs.getString("owner"));
    }
}
