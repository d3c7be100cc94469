package io.docqa.bench;

import com.pgvector.PGvector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.retrieve.bm25.LexicalQuery;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The floor of a hybrid search: the three primitives it cannot do without, run alone in this plain JVM on the same
 * data as the app — the query embedding with the same in-jar ONNX model, one Lucene BM25 query (the app's
 * {@link LexicalQuery} over all collections, or the one searched) on a plain {@link IndexSearcher} of the same index directory, and the
 * same per-collection HNSW SQL over one JDBC connection (settings made once per session). Each is run over every
 * question after warm-up passes, and its CPU per operation is the process CPU time of this JVM (plus, for the SQL,
 * the CPU of its PostgreSQL backend read from /proc) divided by the operations.
 */
final class SearchFloor {

    static final String EMBEDDING = "query embedding";
    static final String BM25 = "BM25 (Lucene)";
    static final String SQL_CLIENT = "vector SQL, JDBC client";
    static final String SQL_BACKEND = "vector SQL, PostgreSQL backend";

    private SearchFloor() {
    }

    /** CPU milliseconds per operation of each primitive. */
    static Map<String, Double> measure(String dbUrl, String user, Path indexDir, List<Long> scope,
            List<String> questions, int depth, int efSearch, int warmUpPasses, int passes) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        int ops = questions.size() * passes;

        EmbeddingModels convention = EmbeddingModels.byId(activeModel(dbUrl, user));
        EmbeddingModel model = convention.load();
        List<float[]> vectors = new ArrayList<>();
        for (int pass = 0; pass < warmUpPasses; pass++) {
            questions.forEach(q -> model.embed(convention.queryText(q)));
        }
        long c0 = processCpuNanos();
        for (int pass = 0; pass < passes; pass++) {
            for (String q : questions) {
                float[] v = model.embed(convention.queryText(q)).content().vector();
                if (pass == 0) {
                    vectors.add(v);
                }
            }
        }
        out.put(EMBEDDING, (processCpuNanos() - c0) / 1e6 / ops);

        Map<CollectionLanguage, List<Long>> byLanguage = collectionsByLanguage(dbUrl, user, scope);
        LexicalQuery lexical = new LexicalQuery(IndexFields.analyzer());
        boolean filter = scope != null; // over every collection no filter is needed, as in the app
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            long found = 0;
            for (int pass = 0; pass < warmUpPasses; pass++) {
                for (String q : questions) {
                    found += bm25(searcher, lexical.build(q, byLanguage, filter), depth);
                }
            }
            c0 = processCpuNanos();
            for (int pass = 0; pass < passes; pass++) {
                for (String q : questions) {
                    found += bm25(searcher, lexical.build(q, byLanguage, filter), depth);
                }
            }
            out.put(BM25, (processCpuNanos() - c0) / 1e6 / ops);
            if (found == 0) {
                throw new IllegalStateException("BM25 found nothing in " + indexDir);
            }
        }

        try (Connection c = DriverManager.getConnection(dbUrl, user, "")) {
            PGvector.addVectorType(c);
            long backend;
            int generation;
            int dimensions;
            try (Statement st = c.createStatement()) {
                st.execute("SET hnsw.ef_search = " + Math.max(depth, efSearch));
                st.execute("SET hnsw.iterative_scan = relaxed_order");
                st.execute("SET enable_sort = off");
                try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), id, dimensions FROM embedding_generations "
                        + "WHERE state = 'ACTIVE'")) {
                    rs.next();
                    backend = rs.getLong(1);
                    generation = rs.getInt(2);
                    dimensions = rs.getInt(3);
                }
            }
            List<Long> collections = new ArrayList<>(byLanguage.values().stream().flatMap(List::stream).sorted().toList());
            try (PreparedStatement ps = c.prepareStatement(hnswSql(generation, dimensions, collections))) {
                for (int pass = 0; pass < warmUpPasses; pass++) {
                    vectors.forEach(v -> nearest(ps, v, collections.size(), depth));
                }
                c0 = processCpuNanos();
                double b0 = CpuSplit.processSeconds(backend);
                for (int pass = 0; pass < passes; pass++) {
                    vectors.forEach(v -> nearest(ps, v, collections.size(), depth));
                }
                out.put(SQL_CLIENT, (processCpuNanos() - c0) / 1e6 / ops);
                out.put(SQL_BACKEND, (CpuSplit.processSeconds(backend) - b0) * 1000 / ops);
            }
        }
        return out;
    }

    /** The SQL of the app's approximate vector search over these collections (one HNSW branch per collection). */
    private static String hnswSql(int generation, int dimensions, List<Long> collections) {
        String distance = "(embedding::vector(" + dimensions + ")) <=> (CAST(? AS vector)::vector(" + dimensions + "))";
        StringBuilder sql = new StringBuilder("SELECT chunk_id, 1 - d AS similarity FROM (");
        for (int i = 0; i < collections.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("(SELECT chunk_id, ").append(distance)
                    .append(" AS d FROM chunk_vectors WHERE generation_id = ").append(generation)
                    .append(" AND collection_id = ").append(collections.get(i).longValue())
                    .append(" ORDER BY ").append(distance).append(" LIMIT ?)");
        }
        return sql.append(") nearest ORDER BY d, chunk_id LIMIT ?").toString();
    }

    private static void nearest(PreparedStatement ps, float[] vector, int collections, int depth) {
        try {
            PGvector v = new PGvector(vector);
            int p = 1;
            for (int i = 0; i < collections; i++) {
                ps.setObject(p++, v);
                ps.setObject(p++, v);
                ps.setInt(p++, depth);
            }
            ps.setInt(p, depth);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getDouble(2);
                    rows++;
                }
            }
            if (rows == 0) {
                throw new IllegalStateException("The HNSW query returned nothing");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The top hits with their chunk ids, as a search needs them. */
    private static int bm25(IndexSearcher searcher, Query query, int depth) {
        try {
            TopDocs top = searcher.search(query, depth + 1);
            var stored = searcher.storedFields();
            long sum = 0;
            for (ScoreDoc sd : top.scoreDocs) {
                sum += stored.document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
            }
            return sum >= 0 ? top.scoreDocs.length : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String activeModel(String dbUrl, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, user, ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT model FROM embedding_generations WHERE state = 'ACTIVE'")) {
            rs.next();
            String model = rs.getString(1);
            return model.equals("unrecorded") ? EmbeddingModels.BGE_SMALL_EN_V15_Q.id() : model;
        }
    }

    /** The collections searched (all, or those of {@code scope} unless it is null) by language. */
    private static Map<CollectionLanguage, List<Long>> collectionsByLanguage(String dbUrl, String user, List<Long> scope)
            throws SQLException {
        Map<CollectionLanguage, List<Long>> out = new TreeMap<>();
        String where = scope == null ? "" : " WHERE id IN (" + String.join(",", scope.stream().map(String::valueOf)
                .toList()) + ")";
        try (Connection c = DriverManager.getConnection(dbUrl, user, ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, language FROM collections" + where + " ORDER BY id")) {
            while (rs.next()) {
                out.computeIfAbsent(CollectionLanguage.ofStored(rs.getString(2)), l -> new ArrayList<>()).add(rs.getLong(1));
            }
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
