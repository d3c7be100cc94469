package io.docqa.bench;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cost of per-collection HNSW indexes (vector isolation) against one HNSW index over every collection, at N chunks
 * (default 50,000) in 4 collections of pseudo-random 384-d vectors clustered around 1,000 centres, in a scratch database on the local PostgreSQL.
 * For scopes of 1, 2 and 4 collections (all above the exact-search limit), runs the query shapes of
 * {@code retrieve/vector/VectorRetriever} before (one index, {@code collection_id = ANY(?)}) and after (one branch
 * per collection, merged by distance) and prints p50/p95 latency and recall@10 against exact search.
 * Usage: {@code scripts/bench.sh vector-isolation [chunks] [queries]}.
 */
public final class VectorIsolationBenchmark {

    private static final int DIMENSIONS = 384;
    private static final int DEPTH = 40;
    private static final int COLLECTIONS = 4;

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String admin = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String db = "docqa_bench_vector_isolation";
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db);
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + db;
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION vector");
                st.execute("CREATE TABLE chunks (id bigint PRIMARY KEY, collection_id bigint NOT NULL, "
                        + "embedding vector(384) NOT NULL)");
                st.execute("SELECT setseed(0.42)");
                // clustered like text embeddings (uniform random 384-d vectors are the worst case of any HNSW index)
                st.execute("CREATE TABLE centres AS SELECT k, (SELECT array_agg(random() - 0.5) FROM "
                        + "generate_series(1, " + DIMENSIONS + ") i WHERE k >= 0) AS v FROM generate_series(0, 999) k");
                st.execute("INSERT INTO chunks SELECT n, 1 + n % " + COLLECTIONS + ", (SELECT array_agg(c.v[i] + "
                        + "(random() - 0.5) * 0.6 ORDER BY i) FROM generate_series(1, " + DIMENSIONS + ") i)::vector "
                        + "FROM generate_series(1, " + chunks + ") n JOIN centres c ON c.k = (n * 7919) % 1000");
                st.execute("CREATE INDEX ON chunks(collection_id)");
                st.execute("SET maintenance_work_mem = '512MB'");
            }
            List<float[]> qs = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE chunks");
                st.execute("SELECT setseed(0.7)");
                try (ResultSet rs = st.executeQuery("SELECT (SELECT array_agg(v[i] + (random() - 0.5) * 0.6 ORDER BY i) "
                        + "FROM generate_series(1, " + DIMENSIONS + ") i)::real[] FROM centres ORDER BY k LIMIT " + queries)) {
                    while (rs.next()) {
                        Float[] boxed = (Float[]) rs.getArray(1).getArray();
                        float[] v = new float[DIMENSIONS];
                        for (int i = 0; i < DIMENSIONS; i++) {
                            v[i] = boxed[i];
                        }
                        qs.add(v);
                    }
                }
            }
            List<List<Long>> scopes = List.of(List.of(1L), List.of(1L, 2L), List.of(1L, 2L, 3L, 4L));
            List<List<Set<Long>>> truth = new ArrayList<>();
            for (List<Long> scope : scopes) {
                List<Set<Long>> t = new ArrayList<>();
                for (float[] q : qs) {
                    t.add(top10(exact(c, q, scope)));
                }
                truth.add(t);
            }
            System.out.printf(Locale.ROOT, "%,d chunks in %d collections, %d queries, depth %d, ef_search 100%n%n",
                    chunks, COLLECTIONS, queries, DEPTH);
            System.out.println("| index | scope (chunks) | p50 ms | p95 ms | recall@10 |");
            System.out.println("|---|---|---:|---:|---:|");
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("CREATE INDEX shared ON chunks USING hnsw (embedding vector_cosine_ops) "
                        + "WITH (m = 16, ef_construction = 64)");
            }
            double sharedBuild = (System.nanoTime() - t0) / 1e9;
            for (int s = 0; s < scopes.size(); s++) {
                run(c, "one for all collections", scopes.get(s), chunks, qs, truth.get(s), false);
            }
            t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("DROP INDEX shared");
                for (int k = 1; k <= COLLECTIONS; k++) {
                    st.execute("CREATE INDEX c" + k + " ON chunks USING hnsw (embedding vector_cosine_ops) "
                            + "WITH (m = 16, ef_construction = 64) WHERE collection_id = " + k);
                }
            }
            double partialBuild = (System.nanoTime() - t0) / 1e9;
            for (int s = 0; s < scopes.size(); s++) {
                run(c, "one per collection", scopes.get(s), chunks, qs, truth.get(s), true);
            }
            System.out.printf(Locale.ROOT, "%nBuild: one index %.1f s, %d per-collection indexes %.1f s in all.%n",
                    sharedBuild, COLLECTIONS, partialBuild);
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    private static void run(Connection c, String index, List<Long> scope, int chunks, List<float[]> qs,
            List<Set<Long>> truth, boolean perCollection) throws Exception {
        System.err.println(index + " " + scope + ": " + plan(c, qs.get(0), scope, perCollection));
        for (int w = 0; w < 20; w++) {
            search(c, qs.get(w % qs.size()), scope, perCollection);
        }
        long[] nanos = new long[qs.size()];
        double recall = 0;
        for (int q = 0; q < qs.size(); q++) {
            long t0 = System.nanoTime();
            List<Long> ids = search(c, qs.get(q), scope, perCollection);
            nanos[q] = System.nanoTime() - t0;
            Set<Long> found = top10(ids);
            found.retainAll(truth.get(q));
            recall += found.size() / 10.0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "| %s | %d of %d (%,d) | %.1f | %.1f | %.3f |%n", index, scope.size(),
                COLLECTIONS, chunks * scope.size() / COLLECTIONS, nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 95 / 100] / 1e6, recall / qs.size());
    }

    /** The index scans of the plan PostgreSQL chooses. */
    private static String plan(Connection c, float[] v, List<Long> scope, boolean perCollection) throws Exception {
        c.setAutoCommit(false);
        StringBuilder used = new StringBuilder();
        try (Statement st = c.createStatement()) {
            settings(st, perCollection);
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql(scope, perCollection))) {
                bind(c, ps, v, scope, perCollection);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String line = rs.getString(1).strip();
                        if (line.contains("Scan")) {
                            used.append(line, 0, line.indexOf("(")).append("; ");
                        }
                    }
                }
            }
        }
        c.commit();
        return used.toString();
    }

    /** The query shapes of VectorRetriever (approximate path), before and after per-collection indexes. */
    private static List<Long> search(Connection c, float[] v, List<Long> scope, boolean perCollection)
            throws Exception {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            settings(st, perCollection);
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql(scope, perCollection))) {
            bind(c, ps, v, scope, perCollection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        c.commit();
        return ids;
    }

    private static void settings(Statement st, boolean perCollection) throws Exception {
        st.execute("SET LOCAL hnsw.ef_search = 100");
        st.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
        if (perCollection) {
            st.execute("SET LOCAL enable_sort = off");
        }
    }

    private static String sql(List<Long> scope, boolean perCollection) {
        if (!perCollection) {
            return "SELECT id FROM (SELECT id, embedding <=> ? AS d FROM chunks WHERE collection_id = ANY(?) "
                    + "ORDER BY embedding <=> ? LIMIT ?) nearest ORDER BY d, id";
        }
        StringBuilder b = new StringBuilder("SELECT id FROM (");
        for (int i = 0; i < scope.size(); i++) {
            b.append(i == 0 ? "" : " UNION ALL ").append("(SELECT id, embedding <=> ? AS d FROM chunks WHERE ")
                    .append("collection_id = ").append(scope.get(i)).append(" ORDER BY embedding <=> ? LIMIT ?)");
        }
        return b.append(") nearest ORDER BY d, id LIMIT ?").toString();
    }

    private static void bind(Connection c, PreparedStatement ps, float[] v, List<Long> scope, boolean perCollection)
            throws Exception {
        PGvector vector = new PGvector(v);
        int p = 1;
        if (perCollection) {
            for (int i = 0; i < scope.size(); i++) {
                ps.setObject(p++, vector);
                ps.setObject(p++, vector);
                ps.setInt(p++, DEPTH);
            }
            ps.setInt(p, DEPTH);
        } else {
            ps.setObject(p++, vector);
            ps.setArray(p++, c.createArrayOf("bigint", scope.toArray()));
            ps.setObject(p++, vector);
            ps.setInt(p, DEPTH);
        }
    }

    private static List<Long> exact(Connection c, float[] v, List<Long> scope) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chunks WHERE collection_id = ANY(?) "
                + "ORDER BY embedding <=> ?, id LIMIT 10")) {
            ps.setArray(1, c.createArrayOf("bigint", scope.toArray()));
            ps.setObject(2, new PGvector(v));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Set<Long> top10(List<Long> ids) {
        return new HashSet<>(ids.subList(0, Math.min(10, ids.size())));
    }
}
