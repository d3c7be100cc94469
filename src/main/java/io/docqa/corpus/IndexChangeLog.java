package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The change sequence that keeps the Lucene index in step with PostgreSQL. Every transaction that changes a
 * document's chunks (READY, new version, deletion) records the document here before it commits; the Lucene index
 * stores the last sequence number it applied and replays the rest. Numbers become visible in order because they are
 * taken under one transaction-scoped advisory lock, held until commit.
 */
@ApplicationScoped
public class IndexChangeLog {

    /** Advisory lock key that serialises the commits of index changes ("docqa-ix"). */
    private static final long LOCK_KEY = 0x646f6371612d6978L;

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

    /** The newest committed change number (0 when none). */
    public long lastSeq() {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(seq), 0) FROM index_changes").mapTo(Long.class).one());
    }
}
