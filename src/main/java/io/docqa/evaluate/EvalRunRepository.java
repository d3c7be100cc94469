package io.docqa.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.corpus.DataAccessException;
import io.docqa.corpus.NotFoundException;
import io.docqa.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Evaluation runs in PostgreSQL ({@code eval_runs}). */
@ApplicationScoped
public class EvalRunRepository {

    private static final String COLUMNS = "id, dataset, dataset_name, format, collection_id, retrievers, config::text AS config, "
            + "status, progress, error, results::text AS results, created_by, started_at, finished_at";

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();

    public EvalRunRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public EvalRun insert(String dataset, String datasetName, List<String> retrievers, JsonNode config, String createdBy) {
        String sql = "INSERT INTO eval_runs(dataset, dataset_name, retrievers, config, status, progress, created_by) "
                + "VALUES (?, ?, ?, ?::jsonb, 'RUNNING', 'queued', ?) RETURNING " + COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, dataset).bind(1, datasetName)
                .bind(2, String.join(",", retrievers)).bind(3, config.toString()).bind(4, createdBy)
                .map((rs, ctx) -> map(rs)).one());
    }

    public void updateProgress(long id, String format, Long collectionId, String progress) {
        String sql = "UPDATE eval_runs SET format = COALESCE(?, format), collection_id = COALESCE(?, collection_id), "
                + "progress = ? WHERE id = ?";
        jdbi.useHandle(h -> h.createUpdate(sql).bind(0, format).bind(1, collectionId).bind(2, progress).bind(3, id).execute());
    }

    public void finish(long id, EvalRun.Status status, JsonNode results, String error) {
        String sql = "UPDATE eval_runs SET status = ?, results = ?::jsonb, error = ?, progress = ?, finished_at = now() WHERE id = ?";
        jdbi.useHandle(h -> h.createUpdate(sql).bind(0, status.name()).bind(1, results == null ? null : results.toString())
                .bind(2, error).bind(3, status == EvalRun.Status.DONE ? "done" : "failed").bind(4, id).execute());
    }

    /** Runs left RUNNING by a stopped server are marked FAILED; returns how many. */
    public int failInterrupted() {
        return jdbi.withHandle(h -> h.execute("UPDATE eval_runs SET status = 'FAILED', error = 'The server stopped during "
                + "the run.', progress = 'failed', finished_at = now() WHERE status = 'RUNNING'"));
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
