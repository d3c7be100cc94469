package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which ingestion pipeline each collection uses (column {@code collections.pipeline}, default "default"). */
@ApplicationScoped
public class CollectionPipelines {

    /** Longest pipeline name, as in the database column. */
    public static final int NAME_MAX_LENGTH = 100;

    private final AgroalDataSource dataSource;

    public CollectionPipelines(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The collection's pipeline, or empty when the collection does not exist. */
    public Optional<String> pipelineOf(long collectionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pipeline FROM collections WHERE id = ?")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the pipeline of collection " + collectionId, e);
        }
    }

    /** Every collection's pipeline, by collection id. */
    public Map<Long, String> all() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, pipeline FROM collections")) {
            Map<Long, String> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read collection pipelines", e);
        }
    }

    public void setPipeline(long collectionId, String pipeline) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE collections SET pipeline = ? WHERE id = ?")) {
            ps.setString(1, pipeline);
            ps.setLong(2, collectionId);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundException("No collection with id " + collectionId + ".");
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not set the pipeline of collection " + collectionId, e);
        }
    }
}
