package io.docqa.embedding;

import com.pgvector.PGvector;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.PGStatement;

/**
 * Passage vectors by (model id, SHA-256 of the embedded text) — table {@code embedding_cache} of migration V11.
 * Only a cache: entries can be purged at any time and are recomputed on the next miss.
 */
@ApplicationScoped
public class EmbeddingCacheRepository {

    private final Jdbi jdbi;

    public EmbeddingCacheRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs a cache statement; a failure is a {@link DataAccessException}, which callers survive by embedding uncached. */
    private <T> T cache(String failure, HandleCallback<T, SQLException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (SQLException | JdbiException e) {
            throw new DataAccessException(failure, e);
        }
    }

    /** The cached vectors among {@code hashes}, by hash; a hash without an entry is absent from the map. */
    public Map<String, float[]> find(String model, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return new HashMap<>();
        }
        return cache("Could not read the embedding cache", h -> find(h.getConnection(), model, hashes));
    }

    /**
     * {@link #find(String, Collection)} on the given connection. The statement is planned with its values on every
     * call: a plan cached while the cache was nearly empty looks rows up by model alone and then reads every entry of
     * the model, once per document, however large the cache has grown.
     */
    public Map<String, float[]> find(Connection c, String model, Collection<String> hashes) throws SQLException {
        Map<String, float[]> found = new HashMap<>();
        if (hashes.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT text_sha256, embedding FROM embedding_cache WHERE model = ? AND text_sha256 = ANY(?)")) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            ps.setString(1, model);
            ps.setArray(2, c.createArrayOf("bpchar", hashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new PGvector(rs.getString(2)).toArray());
                }
            }
        }
        return found;
    }

    /** Stores vectors by hash; an entry that exists already is kept. */
    public void store(String model, Map<String, float[]> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        cache("Could not write the embedding cache", h -> {
            PreparedBatch insert = h.prepareBatch("INSERT INTO embedding_cache(model, text_sha256, embedding) "
                    + "VALUES (?, ?, ?::vector) ON CONFLICT DO NOTHING");
            // sorted keys: concurrent workers insert in the same order and never deadlock on the primary key
            new TreeMap<>(vectors).forEach((hash, vector) -> insert.add(model, hash, new PGvector(vector).toString()));
            return insert.execute();
        });
    }

    /** Number of cached vectors (all models). */
    public long size() {
        return cache("Could not count the embedding cache",
                h -> h.createQuery("SELECT count(*) FROM embedding_cache").mapTo(Long.class).one());
    }

    /** Removes the oldest entries beyond {@code maxEntries}; returns how many were removed. */
    public long trim(long maxEntries) {
        long excess = size() - Math.max(0, maxEntries);
        if (excess <= 0) {
            return 0;
        }
        return cache("Could not trim the embedding cache", h -> (long) h.createUpdate("DELETE FROM "
                + "embedding_cache WHERE ctid IN (SELECT ctid FROM embedding_cache ORDER BY created_at LIMIT ?)")
                .bind(0, excess).execute());
    }

    /** Empties the cache; returns how many vectors were removed. */
    public long purge() {
        return cache("Could not purge the embedding cache", h -> (long) h.execute("DELETE FROM embedding_cache"));
    }
}
