package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The change sequence that keeps the Lucene index in step with PostgreSQL. Every transaction that changes a
 * document's chunks (READY, new version, deletion) records the document here before it commits; the Lucene index
 * stores the last sequence number it applied and replays the rest. Numbers become visible in order because they are
 * taken under one transaction-scoped advisory lock, held until commit. Each recording transaction also sends a
 * {@value #CHANNEL} notification at its commit (a trigger of V16), which wakes every instance's follower.
 *
 * <p>The log is compacted: changes that every live instance has applied are deleted ({@link #compact}), and the
 * highest deleted number is kept as the horizon ({@link #compactedThrough}); an index that applied less than the
 * horizon has missed changes for good and must be rebuilt.
 */
@ApplicationScoped
public class IndexChangeLog {

    /** Advisory lock key that serialises the commits of index changes ("docqa-ix"). */
    private static final long LOCK_KEY = 0x646f6371612d6978L;
    /** Advisory lock key that lets one instance at a time compact the log ("docqa-cp"). */
    private static final long COMPACT_KEY = 0x646f6371612d6370L;
    /** The LISTEN/NOTIFY channel on which each commit that recorded a change is announced. */
    public static final String CHANNEL = "docqa_index_changes";

    private final Jdbi jdbi;

    public IndexChangeLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One recorded change. */
    public record Change(long seq, long documentId) {
    }

    /**
     * Records changes of the given documents in the caller's transaction, as its last statement before commit: the
     * lock is held until then, so keep the rest of the transaction short after this.
     */
    public void record(Connection c, long... documentIds) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO index_changes(document_id) VALUES (?)")) {
            for (long id : documentIds) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Changes after {@code seq}, oldest first, at most {@code limit}. */
    public List<Change> after(long seq, int limit) {
        String sql = "SELECT seq, document_id FROM index_changes WHERE seq > ? ORDER BY seq LIMIT ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, seq).bind(1, limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), rs.getLong(2))).list());
    }

    /**
     * The newest committed change number (0 when none): the watermark a search waits for. One backward step on the
     * primary key index (compaction always keeps the newest row).
     */
    public long lastSeq() {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(seq), 0) FROM index_changes").mapTo(Long.class).one());
    }

    /** The highest change number compacted away (0 when none): an index that applied less must be rebuilt. */
    public long compactedThrough() {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq FROM index_changes_horizon").mapTo(Long.class).one());
    }

    /** Number of changes still in the log. */
    public long size() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM index_changes").mapTo(Long.class).one());
    }

    /** What one compaction did; {@code ran} is false when another instance was compacting. */
    public record Compaction(boolean ran, int forgotten, long deleted, long horizon) {
    }

    /**
     * Forgets followers silent for longer than {@code forgetAfter}, then deletes the changes below the lowest
     * position a remaining follower has applied (that change itself stays, so the newest number survives). Without
     * any follower nothing is deleted. One instance at a time: others skip while it runs.
     */
    public Compaction compact(Duration forgetAfter) {
        return jdbi.inTransaction(h -> {
            if (!h.createQuery("SELECT pg_try_advisory_xact_lock(" + COMPACT_KEY + ")").mapTo(Boolean.class).one()) {
                return new Compaction(false, 0, 0, compactedThrough());
            }
            int forgotten = h.createUpdate("DELETE FROM index_followers WHERE heartbeat < now() - make_interval(secs => ?)")
                    .bind(0, forgetAfter.toMillis() / 1000.0).execute();
            Long min = h.createQuery("SELECT min(applied_seq) FROM index_followers").mapTo(Long.class).one();
            long deleted = 0;
            if (min != null) {
                var r = h.createQuery("WITH d AS (DELETE FROM index_changes WHERE seq < ? RETURNING seq) "
                        + "SELECT count(*), coalesce(max(seq), 0) FROM d").bind(0, min.longValue())
                        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
                deleted = r[0];
                h.createUpdate("UPDATE index_changes_horizon SET seq = greatest(seq, ?)").bind(0, r[1]).execute();
            }
            long horizon = h.createQuery("SELECT seq FROM index_changes_horizon").mapTo(Long.class).one();
            return new Compaction(true, forgotten, deleted, horizon);
        });
    }
}
