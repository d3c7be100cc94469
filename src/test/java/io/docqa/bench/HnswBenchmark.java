package io.docqa.bench;

import com.pgvector.PGvector;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * pgvector HNSW parameters by measurement: for m x ef_construction x ef_search, recall@10 and recall@50 of the index
 * against exact (sequential) search, the build time and per-query latency. Vectors: the distinct passage vectors of
 * the embedding cache in the latency benchmark's database (the PostgreSQL manual, run scripts/bench.sh latency
 * first); queries: the latency benchmark's questions, embedded with the same model's query convention.
 * Usage: scripts/bench.sh hnsw [database]
 */
public final class HnswBenchmark {

    private HnswBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "docqa_bench_latency";
        EmbeddingModels model = EmbeddingModels.byId("bge-small-en-v1.5-q");
        List<String> questions = Files.readAllLines(Path.of("src/test/resources/bench/postgres-questions.txt"),
                StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        EmbeddingModel embedder = model.load();
        List<PGvector> queries = new ArrayList<>();
        for (String q : questions) {
            queries.add(new PGvector(embedder.embed(model.queryPrefix() + q).content().vector()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS hnsw_bench");
                st.execute("CREATE TABLE hnsw_bench AS SELECT row_number() OVER (ORDER BY text_sha256) AS id, embedding "
                        + "FROM embedding_cache WHERE model = '" + model.id() + "'");
                st.execute("ANALYZE hnsw_bench");
                st.execute("SET maintenance_work_mem = '256MB'");
            }
            long rows = count(c);
            List<List<Long>> exact10 = new ArrayList<>();
            List<List<Long>> exact50 = new ArrayList<>();
            for (PGvector q : queries) {
                List<Long> top = nearest(c, q, 50, false);
                exact50.add(top);
                exact10.add(top.subList(0, Math.min(10, top.size())));
            }
            System.out.printf(Locale.ROOT, "%n%,d vectors (384 dimensions, cosine), %d queries; %d cores; load %s%n%n", rows,
                    queries.size(), Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("| m | ef_construction | build s | ef_search | recall@10 | recall@50 | median ms (LIMIT 50) | p95 ms |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int m : new int[] {8, 16, 32}) {
                for (int efc : new int[] {64, 128}) {
                    long b0 = System.nanoTime();
                    try (Statement st = c.createStatement()) {
                        st.execute("DROP INDEX IF EXISTS hnsw_bench_idx");
                        st.execute("CREATE INDEX hnsw_bench_idx ON hnsw_bench USING hnsw (embedding vector_cosine_ops) "
                                + "WITH (m = " + m + ", ef_construction = " + efc + ")");
                    }
                    double buildSeconds = (System.nanoTime() - b0) / 1e9;
                    for (int ef : new int[] {40, 100, 200}) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SET hnsw.ef_search = " + ef);
                        }
                        for (PGvector q : queries) { // warm-up
                            nearest(c, q, 50, true);
                        }
                        double r10 = 0;
                        double r50 = 0;
                        long[] nanos = new long[queries.size()];
                        for (int i = 0; i < queries.size(); i++) {
                            long t0 = System.nanoTime();
                            List<Long> approx = nearest(c, queries.get(i), 50, true);
                            nanos[i] = System.nanoTime() - t0;
                            r50 += overlap(approx, exact50.get(i));
                            r10 += overlap(approx.subList(0, Math.min(10, approx.size())), exact10.get(i));
                        }
                        Arrays.sort(nanos);
                        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %d | %.3f | %.3f | %.2f | %.2f |%n", m, efc,
                                buildSeconds, ef, r10 / queries.size(), r50 / queries.size(),
                                nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(0.95 * nanos.length) - 1] / 1e6);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE hnsw_bench");
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM hnsw_bench")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ids of the nearest vectors by cosine distance, through the index or by exact sequential scan. */
    private static List<Long> nearest(Connection c, PGvector q, int k, boolean index) throws SQLException {
        return HalfvecBenchmark.nearest(c, "hnsw_bench", "?", q, k, index);
    }

    static double overlap(List<Long> approx, List<Long> exact) {
        Set<Long> truth = new HashSet<>(exact);
        return exact.isEmpty() ? 1 : approx.stream().filter(truth::contains).count() / (double) exact.size();
    }
}
