package io.docqa.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

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

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final AtomicLong failedWrites = new AtomicLong();
    private final AuditChannel channel;

    public AuditLog(Jdbi jdbi, ObjectMapper json, AuditChannel channel) {
        this.jdbi = jdbi;
        this.json = json;
        this.channel = channel;
    }

    public void record(String actor, AuditAction action, List<Long> collectionIds, String target, Map<String, ?> detail) {
        // the actor's account id is read at the moment of the action and kept with the name, for history: the row
        // stays when the account is deleted, and never becomes that of a later account given the same name
        String sql = "INSERT INTO audit_log(actor, actor_id, action, collection_ids, target, detail, channel) "
                + "VALUES (:actor, (SELECT id FROM users WHERE username = :actor), :action, :ids, :target,"
                + " CAST(:detail AS jsonb), :channel)";
        try {
            String detailJson = json.writeValueAsString(detail == null ? Map.of() : detail);
            Long[] ids = collectionIds == null ? new Long[0] : collectionIds.toArray(Long[]::new);
            jdbi.useHandle(h -> h.createUpdate(sql)
                    .bind("actor", actor == null || actor.length() <= 100 ? actor : actor.substring(0, 100))
                    .bind("action", action.name()).bind("ids", ids).bind("target", target).bind("detail", detailJson)
                    .bind("channel", currentChannel()).execute());
        } catch (JsonProcessingException | RuntimeException e) {
            long n = failedWrites.incrementAndGet();
            LOG.errorf("Could not write audit entry %s by %s (%d failed so far): %s", action, actor, n, e.toString());
        }
    }

    /** The channel the current request was marked with; none outside a request (jobs, retention, start). */
    private String currentChannel() {
        io.quarkus.arc.ManagedContext requests = io.quarkus.arc.Arc.container().requestContext();
        return requests.isActive() ? channel.current() : null;
    }

    /** Audit writes that failed since start. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Entries in [from, to), newest first, optionally of one actor or action. */
    public List<AuditEntry> find(Instant from, Instant to, String actor, String action, int limit) {
        String sql = "SELECT id, at, actor, action, collection_ids, target, detail::text, actor_id, channel FROM audit_log "
                + "WHERE at >= :from AND at < :to" + (actor != null ? " AND actor = :actor" : "")
                + (action != null ? " AND action = :action" : "") + " ORDER BY at DESC, id DESC LIMIT :limit";
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql).bind("from", from).bind("to", to)
                    .bind("limit", Math.min(Math.max(limit, 1), MAX_PAGE));
            if (actor != null) {
                query.bind("actor", actor);
            }
            if (action != null) {
                query.bind("action", action);
            }
            return query.map((rs, ctx) -> {
                java.sql.Array ids = rs.getArray(5);
                List<Long> collections = ids == null ? List.of() : Arrays.stream((Long[]) ids.getArray()).toList();
                return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        collections, rs.getString(6), rs.getString(7), (Long) rs.getObject(8), rs.getString(9));
            }).list();
        });
    }

    /** Deletes entries older than the cut-off; returns how many. */
    public int purgeBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM audit_log WHERE at < ?", cutoff));
    }
}
