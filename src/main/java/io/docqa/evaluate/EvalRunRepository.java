package io.docqa.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.cluster.Instance;
import io.docqa.corpus.DataAccessException;
import io.docqa.corpus.NotFoundException;
import io.docqa.db.Sql;
import io.docqa.ingest.jobs.JobsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Evaluation runs in PostgreSQL ({@code eval_runs}), queued work like ingestion jobs: a new run is QUEUED; an instance
 * that runs workers claims it (RUNNING, its owner, a lease as long as {@code docqa.ingest.jobs.lease}, one more
 * attempt) and renews the lease while it runs; only the holder of the current attempt writes progress and the result.
 * Any instance puts a run whose lease ran out (its instance stopped) back in the queue, to be run again from the
 * start, until {@code docqa.evaluate.max-attempts}; then the run ends FAILED.
 */
@ApplicationScoped
public class EvalRunRepository {

    private static final String COLUMNS = "id, dataset, dataset_name, format, collection_id, retrievers, config::text AS config, "
            + "status, progress, error, results::text AS results, created_by, started_at, finished_at, attempts";

    /** The start of the error of a run whose instances stopped before it finished, as often as it may be tried. */
    public static final String OWNER_STOPPED = "The instance running it stopped before the run finished";

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();
    private final String me;
    private final double leaseSeconds;

    public EvalRunRepository(Jdbi jdbi, Instance instance, JobsConfig jobsConfig) {
        this.jdbi = jdbi;
        this.me = instance.id();
        this.leaseSeconds = jobsConfig.lease().toMillis() / 1000.0;
    }

    /** A run this instance claimed, with the attempt that fences its writes. */
    public record Claim(EvalRun run, int attempt) {
    }

    /** Stores a new run as QUEUED; an instance that runs workers claims it ({@link #claimNext}). */
    public EvalRun insert(String dataset, String datasetName, List<String> retrievers, JsonNode config, String createdBy) {
        String sql = "INSERT INTO eval_runs(dataset, dataset_name, retrievers, config, status, progress, created_by) "
                + "VALUES (?, ?, ?, ?::jsonb, 'QUEUED', 'queued', ?) RETURNING " + COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, dataset).bind(1, datasetName)
                .bind(2, String.join(",", retrievers)).bind(3, config.toString()).bind(4, createdBy)
                .map((rs, ctx) -> map(rs)).one());
    }

    /** Takes the oldest QUEUED run for this instance (RUNNING, leased, one more attempt); empty when none waits. */
    public Optional<Claim> claimNext() {
        String sql = "UPDATE eval_runs SET status = 'RUNNING', owner = ?, attempts = attempts + 1, progress = 'starting', "
                + "lease_until = now() + make_interval(secs => ?) WHERE id = (SELECT id FROM eval_runs "
                + "WHERE status = 'QUEUED' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, me).bind(1, leaseSeconds)
                .map((rs, ctx) -> new Claim(map(rs), rs.getInt("attempts"))).findOne());
    }

    /**
     * Records progress of a run this instance holds (this attempt) and renews its lease; false when it holds it no
     * longer (its lease ran out and the run was queued again or failed).
     */
    public boolean updateProgress(long id, int attempt, String format, Long collectionId, String progress) {
        String sql = "UPDATE eval_runs SET format = COALESCE(?, format), collection_id = COALESCE(?, collection_id), "
                + "progress = ?, lease_until = now() + make_interval(secs => ?) "
                + "WHERE id = ? AND owner = ? AND attempts = ? AND status = 'RUNNING'";
        return jdbi.withHandle(h -> h.createUpdate(sql).bind(0, format).bind(1, collectionId).bind(2, progress)
                .bind(3, leaseSeconds).bind(4, id).bind(5, me).bind(6, attempt).execute()) == 1;
    }

    /**
     * Writes the result of a run this instance still holds under this attempt; false (nothing written) when the run
     * was meanwhile queued again or failed by another instance because this one's lease ran out.
     */
    public boolean finish(long id, int attempt, EvalRun.Status status, JsonNode results, String error) {
        String sql = "UPDATE eval_runs SET status = ?, results = ?::jsonb, error = ?, progress = ?, finished_at = now(), "
                + "lease_until = NULL WHERE id = ? AND owner = ? AND attempts = ? AND status = 'RUNNING'";
        return jdbi.withHandle(h -> h.createUpdate(sql).bind(0, status.name())
                .bind(1, results == null ? null : results.toString()).bind(2, error)
                .bind(3, status == EvalRun.Status.DONE ? "done" : "failed").bind(4, id).bind(5, me).bind(6, attempt)
                .execute()) == 1;
    }

    /** The heartbeat: renews the leases of the runs this instance holds. */
    public int renewOwn() {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE eval_runs SET lease_until = now() + make_interval(secs => ?) "
                + "WHERE owner = ? AND status = 'RUNNING'").bind(0, leaseSeconds).bind(1, me).execute());
    }

    /** What one sweep did: runs queued again, and runs that ended FAILED after their last attempt. */
    public record Recovered(int requeued, int failed) {
        public int total() {
            return requeued + failed;
        }
    }

    /**
     * The reaper: runs whose lease ran out (their instance stopped) go back to the queue, or end FAILED (starting
     * with {@link #OWNER_STOPPED}) after {@code maxAttempts}. Runs of live instances are not touched.
     */
    public Recovered reapExpired(int maxAttempts) {
        return requeueWhere("(lease_until IS NULL OR lease_until < now())", null, maxAttempts);
    }

    /**
     * The runs this instance (by its id) holds go back to the queue (or end FAILED after the last attempt): at start,
     * those of an earlier run under the same configured instance id; at a normal stop, the run it was executing.
     */
    public Recovered recoverOwn(int maxAttempts) {
        return requeueWhere("owner = ?", me, maxAttempts);
    }

    private Recovered requeueWhere(String condition, String bind, int maxAttempts) {
        String last = "attempts >= " + Math.max(1, maxAttempts);
        String sql = "UPDATE eval_runs SET status = CASE WHEN " + last + " THEN 'FAILED' ELSE 'QUEUED' END, "
                + "error = CASE WHEN " + last + " THEN '" + OWNER_STOPPED + " (' || attempts || ' attempts); start the "
                + "run again.' END, "
                + "progress = CASE WHEN " + last + " THEN 'failed' ELSE 'queued again: the instance running it (' "
                + "|| coalesce(owner, 'unknown') || ') stopped' END, "
                + "finished_at = CASE WHEN " + last + " THEN now() END, "
                + "owner = CASE WHEN " + last + " THEN owner END, lease_until = NULL "
                + "WHERE status = 'RUNNING' AND " + condition + " RETURNING status";
        List<String> after = jdbi.withHandle(h -> {
            var update = h.createQuery(sql);
            if (bind != null) {
                update.bind(0, bind);
            }
            return update.mapTo(String.class).list();
        });
        int requeued = (int) after.stream().filter("QUEUED"::equals).count();
        return new Recovered(requeued, after.size() - requeued);
    }

    /** Newest first. */
    public List<EvalRun> findRecent(int limit) {
        String sql = "SELECT " + COLUMNS + " FROM eval_runs ORDER BY started_at DESC, id DESC LIMIT ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, limit).map((rs, ctx) -> map(rs)).list());
    }

    public Optional<EvalRun> findById(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM eval_runs WHERE id = ?").bind(0, id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    public EvalRun require(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No evaluation run with id " + id + "."));
    }

    private EvalRun map(ResultSet rs) throws SQLException {
        long collection = rs.getLong("collection_id");
        Long collectionId = rs.wasNull() ? null : collection;
        return new EvalRun(rs.getLong("id"), rs.getString("dataset"), rs.getString("dataset_name"), rs.getString("format"),
                collectionId, Arrays.asList(rs.getString("retrievers").split(",")), parse(rs.getString("config")),
                EvalRun.Status.valueOf(rs.getString("status")), rs.getString("progress"), rs.getString("error"),
                parse(rs.getString("results")), rs.getString("created_by"), rs.getTimestamp("started_at").toInstant(),
                Sql.instant(rs.getTimestamp("finished_at")), rs.getInt("attempts"));
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DataAccessException("Stored evaluation JSON is unreadable", new SQLException(e));
        }
    }
}
