package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * How far each instance's Lucene index has applied the {@link IndexChangeLog}: one row per instance with its applied
 * change number and a heartbeat. Compaction keeps every change a live follower still needs and forgets followers
 * that have been silent too long.
 */
@ApplicationScoped
public class IndexFollowers {

    private final Jdbi jdbi;

    public IndexFollowers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One instance's row. */
    public record Follower(String instanceId, String role, long appliedSeq, Instant startedAt, Instant heartbeat) {
    }

    /** Records that the instance is alive and has applied every change up to {@code appliedSeq}. */
    public void report(String instanceId, String role, long appliedSeq) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO index_followers (instance_id, role, applied_seq) VALUES (?, ?, ?)
                ON CONFLICT (instance_id) DO UPDATE SET role = excluded.role, applied_seq = excluded.applied_seq,
                    heartbeat = now()""").bind(0, instanceId).bind(1, role).bind(2, appliedSeq).execute());
    }

    /** Every follower, lowest applied position first. */
    public List<Follower> list() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT instance_id, role, applied_seq, started_at, heartbeat FROM index_followers
                ORDER BY applied_seq, instance_id""")
                .map((rs, ctx) -> new Follower(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant())).list());
    }
}
