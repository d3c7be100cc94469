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
 * Evaluation runs in PostgreSQL ({@code eval_runs}). A run is held by the instance that started it under a lease
 * (as ingestion jobs are, {@code docqa.ingest.jobs.lease}), renewed while it runs; only its holder writes its result,
 * and any instance fails a run whose holder stopped.
 */
@ApplicationScoped
public class EvalRunRepository {

    private static final String COLUMNS = "id, dataset, dataset_name, format, collection_id, retrievers, config::text AS config, "
            + "status, progress, error, results::text AS results, created_by, started_at, finished_at";

    /** The error of a run whose instance stopped before it finished. */
    public static final String OWNER_STOPPED = "The instance running it stopped before the run finished; start the run again.";

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();
    private final String me;
    private final double leaseSeconds;

    public EvalRunRepository(Jdbi jdbi, Instance instance, JobsConfig jobsConfig) {
        this.jdbi = jdbi;
        this.me = instance.id();
        this.leaseSeconds = jobsConfig.lease().toMillis() / 1000.0;
    }

    public EvalRun insert(String dataset, String datasetName, List<String> retrievers, JsonNode config, String createdBy) {
        String sql = "INSERT INTO eval_runs(dataset, dataset_name, retrievers, config, status, progress, created_by, "
                + "owner, lease_until) VALUES (?, ?, ?, ?::jsonb, 'RUNNING', 'queued', ?, ?, "
                + "now() + make_interval(secs => ?)) RETURNING " + COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, dataset).bind(1, datasetName)
                .bind(2, String.join(",", retrievers)).bind(3, config.toString()).bind(4, createdBy).bind(5, me)
                .bind(6, leaseSeconds).map((rs, ctx) -> map(rs)).one());
    }

    /** Records progress of a run this instance holds and renews its lease. */
    public void updateProgress(long id, String format, Long collectionId, String progress) {
        String sql = "UPDATE eval_runs SET format = COALESCE(?, format), collection_id = COALESCE(?, collection_id), "
                + "progress = ?, lease_until = now() + make_interval(secs => ?) "
                + "WHERE id = ? AND owner = ? AND status = 'RUNNING'";
        jdbi.useHandle(h -> h.createUpdate(sql).bind(0, format).bind(1, collectionId).bind(2, progress)
                .bind(3, leaseSeconds).bind(4, id).bind(5, me).execute());
    }

    /**
     * Writes the result of a run this instance still holds; false (nothing written) when the run was meanwhile
     * failed by another instance because this one's lease ran out.
     */
    public boolean finish(long id, EvalRun.Status status, JsonNode results, String error) {
        String sql = "UPDATE eval_runs SET status = ?, results = ?::jsonb, error = ?, progress = ?, finished_at = now(), "
                + "lease_until = NULL WHERE id = ? AND owner = ? AND status = 'RUNNING'";
        return jdbi.withHandle(h -> h.createUpdate(sql).bind(0, status.name())
                .bind(1, results == null ? null : results.toString()).bind(2, error)
                .bind(3, status == EvalRun.Status.DONE ? "done" : "failed").bind(4, id).bind(5, me).execute()) == 1;
    }

    /** The heartbeat: renews the leases of the runs this instance holds (running or waiting for its turn). */
    public int renewOwn() {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE eval_runs SET lease_until = now() + make_interval(secs => ?) "
                + "WHERE owner = ? AND status = 'RUNNING'").bind(0, leaseSeconds).bind(1, me).execute());
    }

    /**
     * The reaper: runs whose lease ran out (their instance stopped) are marked FAILED with {@link #OWNER_STOPPED};
     * returns how many. Runs of live instances are not touched.
     */
    public int failExpired() {
        return failWhere("(lease_until IS NULL OR lease_until < now())", null);
    }

    /**
     * At start: runs that an earlier run of this very instance id (a configured one) left RUNNING are failed at once;
     * returns how many.
     */
    public int failOwn() {
        return failWhere("owner = ?", me);
    }

    private int failWhere(String condition, String bind) {
        String sql = "UPDATE eval_runs SET status = 'FAILED', error = ?, progress = 'failed', finished_at = now(), "
                + "lease_until = NULL WHERE status = 'RUNNING' AND " + condition;
        return jdbi.withHandle(h -> {
            var update = h.createUpdate(sql).bind(0, OWNER_STOPPED);
            if (bind != null) {
                update.bind(1, bind);
            }
            return update.execute();
        });
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
                Sql.instant(rs.getTimestamp("finished_at")));
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
