package io.docqa.retrieve.vector;

import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import io.docqa.embedding.Embedder;
import io.docqa.retrieve.RankedHit;
import io.docqa.retrieve.RankedRetriever;
import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.RetrieveConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearest neighbours by cosine distance over pgvector's HNSW index. The collection filter is in the SQL, and
 * iterative index scans keep returning rows when the filter is selective.
 */
@ApplicationScoped
public class VectorRetriever implements RankedRetriever {

    private final AgroalDataSource dataSource;
    private final Embedder embedder;
    private final RetrieveConfig config;

    public VectorRetriever(AgroalDataSource dataSource, Embedder embedder, RetrieveConfig config) {
        this.dataSource = dataSource;
        this.embedder = embedder;
        this.config = config;
    }

    @Override
    public List<RankedHit> rank(RetrievalQuery query, int depth) {
        if (query.collectionIds().isEmpty() || query.text().isBlank()) {
            return List.of();
        }
        return nearest(embedder.embedQuery(query.text()), query.collectionIds(), depth);
    }

    /** Chunks closest to the vector in the given collections, with cosine similarity as score. */
    public List<RankedHit> nearest(float[] vector, List<Long> collectionIds, int depth) {
        String sql = "SELECT id, 1 - (embedding <=> ?) AS similarity FROM chunks WHERE collection_id = ANY(?) "
                + "ORDER BY embedding <=> ?, id LIMIT ?";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL hnsw.ef_search = " + Math.max(depth, config.efSearch()));
                st.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
            }
            List<RankedHit> hits = new ArrayList<>(depth);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                PGvector v = new PGvector(vector);
                ps.setObject(1, v);
                ps.setArray(2, c.createArrayOf("bigint", collectionIds.toArray()));
                ps.setObject(3, v);
                ps.setInt(4, depth);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hits.add(new RankedHit(rs.getLong(1), rs.getDouble(2)));
                    }
                }
            }
            c.commit();
            c.setAutoCommit(autoCommit);
            return hits;
        } catch (SQLException e) {
            throw new DataAccessException("Vector search failed", e);
        }
    }
}
