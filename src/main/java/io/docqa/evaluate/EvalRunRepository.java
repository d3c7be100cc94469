package io.docqa.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import io.docqa.corpus.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Evaluation runs in PostgreSQL ({@code eval_runs}). */
@ApplicationScoped
public class EvalRunRepository {

    private static final String COLUMNS = "id, dataset, dataset_name, format, collection_id, retrievers, config::text AS config, "
            + "status, progress, error, results::text AS results, created_by, started_at, finished_at";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public EvalRunRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public EvalRun insert(String dataset, String datasetName, List<String> retrievers, JsonNode config, String createdBy) {
        String sql = "INSERT INTO eval_runs(dataset, dataset_name, retrievers, config, status, progress, created_by) "
                + "VALUES (?, ?, ?, ?::jsonb, 'RUNNING', 'queued', ?) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, dataset);
            ps.setString(2, datasetName);
            ps.setString(3, String.join(",", retrievers));
            ps.setString(4, config.toString());
            ps.setString(5, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not store the evaluation run", e);
        }
    }

    public void updateProgress(long id, String format, Long collectionId, String progress) {
        String sql = "UPDATE eval_runs SET format = COALESCE(?, format), collection_id = COALESCE(?, collection_id), "
                + "progress = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, format);
            if (collectionId == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, collectionId);
            }
            ps.setString(3, progress);
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not update evaluation run " + id, e);
        }
    }

    public void finish(long id, EvalRun.Status status, JsonNode results, String error) {
        String sql = "UPDATE eval_runs SET status = ?, results = ?::jsonb, error = ?, progress = ?, finished_at = now() WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setString(2, results == null ? null : results.toString());
            ps.setString(3, error);
            ps.setString(4, status == EvalRun.Status.DONE ? "done" : "failed");
            ps.setLong(5, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not finish evaluation run " + id, e);
        }
    }

    /** Runs left RUNNING by a stopped server are marked FAILED; returns how many. */
    public int failInterrupted() {
        String sql = "UPDATE eval_runs SET status = 'FAILED', error = 'The server stopped during the run.', "
                + "progress = 'failed', finished_at = now() WHERE status = 'RUNNING'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not update evaluation runs", e);
        }
    }

    /** Newest first. */
    public List<EvalRun> findRecent(int limit) {
        String sql = "SELECT " + COLUMNS + " FROM eval_runs ORDER BY started_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<EvalRun> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not list evaluation runs", e);
        }
    }

    public Optional<EvalRun> findById(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM eval_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read evaluation run " + id, e);
        }
    }

    public EvalRun require(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No evaluation run with id " + id + "."));
    }

    private EvalRun map(ResultSet rs) throws SQLException {
        long collection = rs.getLong("collection_id");
        Long collectionId = rs.wasNull() ? null : collection;
        Timestamp finished = rs.getTimestamp("finished_at");
        return new EvalRun(rs.getLong("id"), rs.getString("dataset"), rs.getString("dataset_name"), rs.getString("format"),
                collectionId, Arrays.asList(rs.getString("retrievers").split(",")), parse(rs.getString("config")),
                EvalRun.Status.valueOf(rs.getString("status")), rs.getString("progress"), rs.getString("error"),
                parse(rs.getString("results")), rs.getString("created_by"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
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
