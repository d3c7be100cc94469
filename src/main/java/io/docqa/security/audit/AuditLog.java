package io.docqa.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The audit trail in PostgreSQL (table audit_log): questions with what was retrieved and cited, uploads, deletions,
 * permission changes and sign-ins. Writing never fails the user's action: a failed write is logged (without the
 * content) and counted.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** Most entries one browse or export returns. */
    public static final int MAX_PAGE = 10_000;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final java.util.concurrent.atomic.AtomicLong failedWrites = new java.util.concurrent.atomic.AtomicLong();

    public AuditLog(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void record(String actor, AuditAction action, List<Long> collectionIds, String target, Map<String, ?> detail) {
        String sql = "INSERT INTO audit_log(actor, action, collection_ids, target, detail) VALUES (?, ?, ?, ?, ?::jsonb)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor == null || actor.length() <= 100 ? actor : actor.substring(0, 100));
            ps.setString(2, action.name());
            ps.setArray(3, c.createArrayOf("bigint", collectionIds == null ? new Object[0] : collectionIds.toArray()));
            ps.setString(4, target);
            ps.setString(5, json.writeValueAsString(detail == null ? Map.of() : detail));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            long n = failedWrites.incrementAndGet();
            LOG.errorf("Could not write audit entry %s by %s (%d failed so far): %s", action, actor, n, e.toString());
        }
    }

    /** Audit writes that failed since start. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Entries in [from, to), newest first, optionally of one actor or action. */
    public List<AuditEntry> find(Instant from, Instant to, String actor, String action, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, action, collection_ids, target, detail::text FROM audit_log WHERE at >= ? AND at < ?");
        if (actor != null) {
            sql.append(" AND actor = ?");
        }
        if (action != null) {
            sql.append(" AND action = ?");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(from));
            ps.setTimestamp(i++, Timestamp.from(to));
            if (actor != null) {
                ps.setString(i++, actor);
            }
            if (action != null) {
                ps.setString(i++, action);
            }
            ps.setInt(i, Math.min(Math.max(limit, 1), MAX_PAGE));
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array ids = rs.getArray(5);
                    List<Long> collections = ids == null ? List.of() : Arrays.stream((Long[]) ids.getArray()).toList();
                    out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            collections, rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the audit log", e);
        }
    }

    /** Deletes entries older than the cut-off; returns how many. */
    public int purgeBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not purge the audit log", e);
        }
    }
}
