package io.docqa.corpus;

import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.PGStatement;

/**
 * Passage vectors by (model id, SHA-256 of the embedded text) — table {@code embedding_cache} of migration V11.
 * Only a cache: entries can be purged at any time and are recomputed on the next miss.
 */
@ApplicationScoped
public class EmbeddingCacheRepository {

    private final AgroalDataSource dataSource;

    public EmbeddingCacheRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The cached vectors among {@code hashes}, by hash; a hash without an entry is absent from the map. */
    public Map<String, float[]> find(String model, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return new HashMap<>();
        }
        try (Connection c = dataSource.getConnection()) {
            return find(c, model, hashes);
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the embedding cache", e);
        }
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO embedding_cache(model, text_sha256, embedding) "
                        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            // sorted keys: concurrent workers insert in the same order and never deadlock on the primary key
            for (Map.Entry<String, float[]> e : new java.util.TreeMap<>(vectors).entrySet()) {
                ps.setString(1, model);
                ps.setString(2, e.getKey());
                ps.setObject(3, new PGvector(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("Could not write the embedding cache", e);
        }
    }

    /** Number of cached vectors (all models). */
    public long size() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM embedding_cache")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("Could not count the embedding cache", e);
        }
    }

    /** Removes the oldest entries beyond {@code maxEntries}; returns how many were removed. */
    public long trim(long maxEntries) {
        long excess = size() - Math.max(0, maxEntries);
        if (excess <= 0) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM embedding_cache WHERE ctid IN (SELECT ctid FROM embedding_cache ORDER BY created_at LIMIT ?)")) {
            ps.setLong(1, excess);
            return ps.executeLargeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not trim the embedding cache", e);
        }
    }

    /** Empties the cache; returns how many vectors were removed. */
    public long purge() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            return st.executeLargeUpdate("DELETE FROM embedding_cache");
        } catch (SQLException e) {
            throw new DataAccessException("Could not purge the embedding cache", e);
        }
    }
}
