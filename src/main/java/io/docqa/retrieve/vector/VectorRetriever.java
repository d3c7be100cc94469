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
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Nearest neighbours by cosine distance. The collection filter and the document restriction of a metadata filter
 * are in the SQL. Up to {@link RetrieveConfig#exactVectorMaxChunks()} chunks in scope the search is exact; above, it
 * goes through pgvector's HNSW index of each collection in scope (approximate). Either way what a caller gets depends
 * on the chunks of the collections they may read alone.
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
     * {@code documentIds} is null, only in these documents; cosine similarity as score. The generation's id, the
     * collection ids and the vector expression are written into the SQL so that PostgreSQL uses the partial HNSW
     * index of the generation and each collection.
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
            List<RankedHit> hits = exact ? exact(c, g, vector, where, scope, documentIds, depth)
                    : approximate(c, g, vector, scope, documentIds, depth);
            c.commit();
            c.setAutoCommit(autoCommit);
            return hits;
        } catch (SQLException e) {
            throw new DataAccessException("Vector search failed", e);
        }
    }

    /**
     * The cosine similarity to the query of each of these chunks that lies in the scope and has a vector of the
     * query's generation (passages another ranking found, judged against the question itself).
     */
    public Map<Long, Double> similarities(SearchVector query, AccessScope scope, Collection<Long> chunkIds) {
        if (chunkIds.isEmpty() || scope.isEmpty()) {
            return Map.of();
        }
        Generation g = query.generation();
        String sql = "SELECT chunk_id, 1 - (" + g.vectorExpression() + " <=> " + g.parameterExpression()
                + ") FROM chunk_vectors WHERE generation_id = " + g.id()
                + " AND collection_id = ANY(?) AND chunk_id = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, new PGvector(query.vector()));
            ps.setArray(2, c.createArrayOf("bigint", scope.collectionIds().toArray()));
            ps.setArray(3, c.createArrayOf("bigint", chunkIds.toArray()));
            Map<Long, Double> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getDouble(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Vector similarity lookup failed", e);
        }
    }

    /**
     * Every chunk in scope is compared (ordering by distance and id cannot use an HNSW index), so the answer depends
     * on the readable chunks alone.
     */
    private static List<RankedHit> exact(Connection c, Generation g, float[] vector, String where, AccessScope scope,
            List<Long> documentIds, int depth) throws SQLException {
        String distance = g.vectorExpression() + " <=> " + g.parameterExpression();
        String sql = "SELECT chunk_id, 1 - (" + distance + ") AS similarity FROM chunk_vectors " + where
                + "ORDER BY " + distance + ", chunk_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            PGvector v = new PGvector(vector);
            ps.setObject(1, v);
            int p = bindScope(c, ps, 2, scope, documentIds);
            ps.setObject(p++, v);
            ps.setInt(p, depth);
            return hits(ps, depth);
        }
    }

    /**
     * Through the HNSW index of each collection in scope (one partial index per collection, created with it), then
     * merged by distance, ties by id: each graph holds one collection's vectors, so the approximate answer depends on
     * the readable collections alone. The collection id is written into each branch so that PostgreSQL can match it
     * to the partial index; sorting is disabled so that the planner takes that index whatever its statistics (which
     * cover every collection) say. The inner ORDER BY is the distance alone, as the index requires; iterative scans
     * keep returning rows when the document filter is selective.
     */
    private List<RankedHit> approximate(Connection c, Generation g, float[] vector, AccessScope scope,
            List<Long> documentIds, int depth) throws SQLException {
        List<Long> collections = scope.collectionIds().stream().distinct().sorted().toList();
        if (collections.isEmpty()) {
            return List.of();
        }
        String distance = g.vectorExpression() + " <=> " + g.parameterExpression();
        StringBuilder sql = new StringBuilder("SELECT chunk_id, 1 - d AS similarity FROM (");
        for (int i = 0; i < collections.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("(SELECT chunk_id, ").append(distance)
                    .append(" AS d FROM chunk_vectors WHERE generation_id = ").append(g.id())
                    .append(" AND collection_id = ").append(collections.get(i).longValue())
                    .append(documentIds == null ? "" : " AND document_id = ANY(?)")
                    .append(" ORDER BY ").append(distance).append(" LIMIT ?)");
        }
        sql.append(") nearest ORDER BY d, chunk_id LIMIT ?");
        try (Statement st = c.createStatement()) {
            // one round trip: the driver sends the three commands together and waits once
            st.execute("SET LOCAL hnsw.ef_search = " + Math.max(depth, config.efSearch())
                    + "; SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL enable_sort = off");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            PGvector v = new PGvector(vector);
            Array documents = documentIds == null ? null : c.createArrayOf("bigint", documentIds.toArray());
            int p = 1;
            for (int i = 0; i < collections.size(); i++) {
                ps.setObject(p++, v);
                if (documents != null) {
                    ps.setArray(p++, documents);
                }
                ps.setObject(p++, v);
                ps.setInt(p++, depth);
            }
            ps.setInt(p, depth);
            return hits(ps, depth);
        }
    }

    private static List<RankedHit> hits(PreparedStatement ps, int depth) throws SQLException {
        List<RankedHit> hits = new ArrayList<>(depth);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hits.add(new RankedHit(rs.getLong(1), rs.getDouble(2)));
            }
        }
        return hits;
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
