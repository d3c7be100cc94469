package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The document and collection of chunks, looked up by id without loading their text (used in fusion). */
@ApplicationScoped
public class ChunkOwners {

    public record Owner(long documentId, long collectionId) {
    }

    private final AgroalDataSource dataSource;

    public ChunkOwners(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Owners of the chunks that still exist. */
    public Map<Long, Owner> of(Collection<Long> chunkIds) {
        Map<Long, Owner> out = new HashMap<>();
        if (chunkIds.isEmpty()) {
            return out;
        }
        String sql = "SELECT id, document_id, collection_id FROM chunks WHERE id = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", chunkIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Owner(rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read chunk owners", e);
        }
    }
}
