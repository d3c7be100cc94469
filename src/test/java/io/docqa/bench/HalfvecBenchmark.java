package io.docqa.bench;

import com.pgvector.PGvector;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.embedding.EmbeddingModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code vector} against {@code halfvec} storage (docqa.embedding.storage) by measurement: the same passage vectors
 * stored both ways with the same HNSW parameters as DocQA (m 16, ef_construction 64), recall@10 of each index against
 * exact search over the full-precision vectors, table and index size, build time and query latency. Passages: ~80-word
 * windows of the PostgreSQL manual (HTML, tags stripped), embedded in process; queries: the first 12 words of held-out
 * passages, with the model's query convention.
 * Usage: scripts/bench.sh halfvec [folder] [passages] [model]
 */
public final class HalfvecBenchmark {

    private HalfvecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/bench-corpus/usr/share/doc/postgresql-doc-15/html");
        int wanted = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        EmbeddingModels model = EmbeddingModels.byId(args.length > 2 ? args[2] : "all-minilm-l6-v2-q");
        int queryCount = 200;
        List<String> passages = passages(folder, wanted + queryCount);
        List<String> held = passages.subList(passages.size() - queryCount, passages.size());
        passages = passages.subList(0, passages.size() - queryCount);
        EmbeddingModel embedder = model.load();
        long e0 = System.nanoTime();
        List<float[]> vectors = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i += 256) {
            embedder.embedAll(passages.subList(i, Math.min(passages.size(), i + 256)).stream()
                    .map(p -> TextSegment.from(model.passageText(p))).toList()).content()
                    .forEach(e -> vectors.add(e.vector()));
        }
        double embedSeconds = (System.nanoTime() - e0) / 1e9;
        List<PGvector> queries = held.stream().map(p -> String.join(" ", Arrays.asList(p.split(" ")).subList(0, 12)))
                .map(q -> new PGvector(embedder.embed(model.queryText(q)).content().vector())).toList();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS vector");
                st.execute("DROP TABLE IF EXISTS halfvec_bench_v, halfvec_bench_h");
                st.execute("CREATE TABLE halfvec_bench_v (id bigint PRIMARY KEY, embedding vector(384))");
                st.execute("CREATE TABLE halfvec_bench_h (id bigint PRIMARY KEY, embedding halfvec(384))");
                st.execute("SET maintenance_work_mem = '256MB'");
            }
            try (PreparedStatement v = c.prepareStatement("INSERT INTO halfvec_bench_v VALUES (?, ?)");
                    PreparedStatement h = c.prepareStatement("INSERT INTO halfvec_bench_h VALUES (?, CAST(? AS vector)::halfvec)")) {
                for (int i = 0; i < vectors.size(); i++) {
                    PGvector p = new PGvector(vectors.get(i));
                    v.setLong(1, i);
                    v.setObject(2, p);
                    v.addBatch();
                    h.setLong(1, i);
                    h.setObject(2, p);
                    h.addBatch();
                }
                v.executeBatch();
                h.executeBatch();
            }
            List<List<Long>> exact = new ArrayList<>();
            for (PGvector q : queries) {
                exact.add(nearest(c, "halfvec_bench_v", "CAST(? AS vector)", q, false));
            }
            System.out.printf(Locale.ROOT, "%n%,d passages of the PostgreSQL manual, %s (384 dimensions), embedded in %.0f s; "
                    + "%d queries; %d cores; load %s%n%n", vectors.size(), model.id(), embedSeconds, queries.size(),
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("| storage | table MB | HNSW index MB | build s | ef_search | recall@10 vs exact | median ms | p95 ms |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (String[] kind : new String[][] {{"vector", "halfvec_bench_v", "vector_cosine_ops", "CAST(? AS vector)"},
                    {"halfvec", "halfvec_bench_h", "halfvec_cosine_ops", "CAST(? AS vector)::halfvec"}}) {
                long b0 = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX " + kind[1] + "_idx ON " + kind[1] + " USING hnsw (embedding " + kind[2]
                            + ") WITH (m = 16, ef_construction = 64)");
                    st.execute("VACUUM ANALYZE " + kind[1]);
                }
                double build = (System.nanoTime() - b0) / 1e9;
                double tableMb = size(c, "pg_table_size('" + kind[1] + "')");
                double indexMb = size(c, "pg_relation_size('" + kind[1] + "_idx')");
                for (int ef : new int[] {40, 100}) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET hnsw.ef_search = " + ef);
                    }
                    for (PGvector q : queries) { // warm-up
                        nearest(c, kind[1], kind[3], q, true);
                    }
                    double recall = 0;
                    long[] nanos = new long[queries.size()];
                    for (int i = 0; i < queries.size(); i++) {
                        long t0 = System.nanoTime();
                        List<Long> approx = nearest(c, kind[1], kind[3], queries.get(i), true);
                        nanos[i] = System.nanoTime() - t0;
                        recall += HnswBenchmark.overlap(approx, exact.get(i));
                    }
                    Arrays.sort(nanos);
                    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d | %.3f | %.2f | %.2f |%n", kind[0],
                            tableMb, indexMb, build, ef, recall / queries.size(), nanos[nanos.length / 2] / 1e6,
                            nanos[(int) Math.ceil(0.95 * nanos.length) - 1] / 1e6);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE halfvec_bench_v, halfvec_bench_h");
            }
        }
    }

    /** ~80-word windows of the folder's HTML pages (tags stripped), in file order. */
    private static List<String> passages(Path folder, int max) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8).replaceAll("(?s)<[^>]*>", " ")
                        .replaceAll("&[a-z]+;", " ").replaceAll("\\s+", " ").strip();
                String[] words = text.split(" ");
                for (int i = 0; i + 40 < words.length && out.size() < max; i += 80) {
                    out.add(String.join(" ", Arrays.asList(words).subList(i, Math.min(words.length, i + 80))));
                }
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    private static double size(Connection c, String expression) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getLong(1) / 1048576.0;
        }
    }

    /** Ids of the 10 nearest by cosine distance, through the index or by exact sequential scan. */
    private static List<Long> nearest(Connection c, String table, String parameter, PGvector q, boolean index)
            throws SQLException {
        return nearest(c, table, parameter, q, 10, index);
    }

    /** Ids of the {@code k} nearest in {@code table} to {@code parameter} (the bound query), by index or exact scan. */
    static List<Long> nearest(Connection c, String table, String parameter, PGvector q, int k, boolean index)
            throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL enable_indexscan = " + index);
        }
        List<Long> ids = new ArrayList<>(k);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " ORDER BY embedding <=> " + parameter
                + " LIMIT ?")) {
            ps.setObject(1, q);
            ps.setInt(2, k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
        return ids;
    }

}
