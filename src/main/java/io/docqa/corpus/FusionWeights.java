package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-collection weights of the BM25 and vector rankings in fusion (columns {@code collections.bm25_weight} and
 * {@code collections.vector_weight}); a null weight means the server default.
 */
@ApplicationScoped
public class FusionWeights {

    /** Largest weight accepted; weights are relative, so larger values add nothing. */
    public static final double MAX_WEIGHT = 100.0;

    /** The weights a collection sets; either may be null (server default). */
    public record Weights(Double bm25, Double vector) {
        public static final Weights DEFAULT = new Weights(null, null);
    }

    private final AgroalDataSource dataSource;

    public FusionWeights(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The weights of these collections; collections without a row are left out. */
    public Map<Long, Weights> of(Collection<Long> collectionIds) {
        Map<Long, Weights> out = new HashMap<>();
        if (collectionIds.isEmpty()) {
            return out;
        }
        String sql = "SELECT id, bm25_weight, vector_weight FROM collections WHERE id = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", collectionIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Weights(nullable(rs, 2), nullable(rs, 3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read fusion weights", e);
        }
    }

    public Weights of(long collectionId) {
        return of(java.util.List.of(collectionId)).getOrDefault(collectionId, Weights.DEFAULT);
    }

    /** Sets the given weights; a null argument leaves that weight as it is. */
    public void set(long collectionId, Double bm25, Double vector) {
        String sql = "UPDATE collections SET bm25_weight = COALESCE(?, bm25_weight), "
                + "vector_weight = COALESCE(?, vector_weight) WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            setNullable(ps, 1, bm25);
            setNullable(ps, 2, vector);
            ps.setLong(3, collectionId);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundException("No collection with id " + collectionId + ".");
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not set the fusion weights of collection " + collectionId, e);
        }
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static void setNullable(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
