package io.docqa.retrieve.vector;

import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.Embedder.SearchVector;
import io.docqa.embedding.Generation;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RankedRetriever;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrieveConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearest neighbours by cosine distance. The collection filter and the document restriction of a metadata filter
 * are in the SQL. Up to {@link RetrieveConfig#exactVectorMaxChunks()} chunks in scope the search is exact, so what
 * a caller gets depends on their readable chunks alone; above, it goes through pgvector's HNSW index, where
 * iterative index scans keep returning rows when the filter is selective (approximate: the graph holds every
 * collection's vectors).
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
    public List<RankedHit> rank(AccessScope scope, RetrievalQuery query, int depth) {
        if (query.matchesNothing(scope) || query.text().isBlank()) {
            return List.of();
        }
        return nearest(embedder.embedSearch(query.text()), scope, query.documentIds(), depth);
    }

    /** {@link #nearest(SearchVector, AccessScope, List, int)} among the active generation's vectors. */
    public List<RankedHit> nearest(float[] vector, AccessScope scope, List<Long> documentIds, int depth) {
        return nearest(new SearchVector(embedder.activeGeneration(), vector), scope, documentIds, depth);
    }

    /**
     * Chunks closest to the vector among its generation's vectors, in the scope's collections and, unless
     * {@code documentIds} is null, only in these documents; cosine similarity as score. The generation's id and
     * vector expression are written into the SQL so that PostgreSQL uses the generation's partial HNSW index.
     */
    public List<RankedHit> nearest(SearchVector query, AccessScope scope, List<Long> documentIds, int depth) {
        Generation g = query.generation();
        float[] vector = query.vector();
        String where = "WHERE generation_id = " + g.id() + " AND collection_id = ANY(?) "
                + (documentIds == null ? "" : "AND document_id = ANY(?) ");
        String column = g.vectorExpression();
        String parameter = g.parameterExpression();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            boolean exact = inScope(c, where, scope, documentIds) <= config.exactVectorMaxChunks();
            // Exact: ordering by distance and id cannot use the HNSW index, so every chunk in scope is compared and
            // the answer depends on the readable chunks alone. Approximate: the inner ORDER BY must be the distance
            // alone, or PostgreSQL cannot use the HNSW index and sorts every chunk in scope (700 ms instead of under
            // 30 ms at 110k chunks); ties are broken by id outside.
            String sql = "SELECT chunk_id, 1 - d AS similarity FROM (SELECT chunk_id, " + column + " <=> " + parameter
                    + " AS d FROM chunk_vectors " + where + "ORDER BY " + column + " <=> " + parameter
                    + (exact ? ", chunk_id" : "") + " LIMIT ?) nearest ORDER BY d, chunk_id";
            if (!exact) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL hnsw.ef_search = " + Math.max(depth, config.efSearch()));
                    st.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                }
            }
            List<RankedHit> hits = new ArrayList<>(depth);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                PGvector v = new PGvector(vector);
                ps.setObject(1, v);
                int p = bindScope(c, ps, 2, scope, documentIds);
                ps.setObject(p++, v);
                ps.setInt(p, depth);
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

    /** Chunks in the scope (and documents), counted up to one past the exact-search limit. */
    private long inScope(Connection c, String where, AccessScope scope, List<Long> documentIds) throws SQLException {
        int limit = config.exactVectorMaxChunks();
        if (limit <= 0) {
            return 1;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM chunk_vectors " + where
                + "LIMIT ?) s")) {
            ps.setInt(bindScope(c, ps, 1, scope, documentIds), limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int bindScope(Connection c, PreparedStatement ps, int first, AccessScope scope, List<Long> documentIds)
            throws SQLException {
        int p = first;
        ps.setArray(p++, c.createArrayOf("bigint", scope.collectionIds().toArray()));
        if (documentIds != null) {
            ps.setArray(p++, c.createArrayOf("bigint", documentIds.toArray()));
        }
        return p;
    }
}
