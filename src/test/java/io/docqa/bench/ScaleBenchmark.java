package io.docqa.bench;

import io.docqa.cli.ApiClient;
import io.docqa.testing.PackagedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DocQA at a million chunks on one node. Ingests ONE copy of a folder (the PostgreSQL manual, ~11,000 chunks; with
 * {@code --files N} only its first N files by path) through the packaged app, then multiplies it inside PostgreSQL
 * with set-based SQL into {@code --collections} collections (default 10, so ~100,000 chunks each) until the corpus
 * holds {@code --chunks} (default 1,000,000): documents, chunks and their vectors are copied row for row. The first
 * copy of the text in a collection keeps the model's vectors; further copies in the same collection get synthetic
 * vectors — the original plus small uniform noise of amplitude {@code --noise} per dimension, renormalised —
 * because exact duplicates inside one HNSW graph are unrealistic. The per-collection HNSW indexes are dropped
 * before the copy and built afterwards (timed, with {@code maintenance_work_mem} = {@code --maintenance-work-mem},
 * default 1GB); the Lucene index is then rebuilt from PostgreSQL by the app's own bootstrap (a new, empty index
 * directory) and timed.
 * <p>
 * The query phase starts the packaged app (-Xmx1g) on that data and sends the PostgreSQL questions through {@code
 * POST /api/search} (hybrid, limit 10), over all collections and scoped to one, at each concurrency, and prints
 * p50/p95/p99, the median stage split from {@code timings}, the server's peak RSS and the sizes on disk. The
 * database {@code docqa_bench_scale} and {@code target/bench-scale/data} are kept; {@code --reuse} runs the query
 * phase only. Usage: scripts/bench.sh scale [--reuse] [--files N] [--chunks N] [--collections N] [--noise A]
 * [--maintenance-work-mem 1GB] [--overlap-builds] [--concurrency 1,4] [--rounds N] [--warmup passes]
 * [--prewarm] [--Ddocqa.key=value]; {@code --prewarm} loads the HNSW indexes and {@code chunk_vectors} into
 * PostgreSQL's shared buffers with the pg_prewarm extension before the query phase, as an operator does after a
 * restart (sized by {@code shared_buffers}, printed with the sizes); {@code --overlap-builds} builds the HNSW indexes while the app rebuilds Lucene (faster on a
 * busy machine, but then each time includes the other build's competition for the cores)
 */
public final class ScaleBenchmark {

    private static final BenchDatabase DB = new BenchDatabase("docqa_bench_scale");
    private static final Path HOME = Path.of("target/bench-scale").toAbsolutePath();
    private static final Pattern REBUILT = Pattern.compile(
            "Rebuilt the Lucene index from PostgreSQL: (\\d+) documents, (\\d+) chunks in (\\d+) ms");

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SearchLoad.options(args);
        Path dataDir = HOME.resolve("data");
        Path log = HOME.resolve("server.log");
        Path buildReport = HOME.resolve("build.md");
        Files.createDirectories(HOME);
        Map<String, String> settings = SearchLoad.serverSettings(DB, dataDir, opts);
        boolean reuse = opts.containsKey("reuse") && DB.exists();
        long collectionsNow = reuse ? DB.scalar("SELECT count(*) FROM collections") : 0;
        // --reuse on a multiplied corpus: the query phase only. After an interrupted build, an ingested corpus not
        // yet multiplied is kept (the copy is one transaction, so a failed copy leaves it as the ingestion left it)
        if (!reuse || collectionsNow <= 1) {
            if (!reuse || collectionsNow == 0) {
                DB.recreate(dataDir);
            }
            Files.deleteIfExists(buildReport);
            PackagedServer server = new PackagedServer(settings, log);
            try {
                server.start();
                LatencyBenchmark.ingest(DB, server.client(),
                        Path.of(opts.getOrDefault("folder", "target/bench-corpus/usr/share/doc/postgresql-doc-15/html")),
                        Integer.parseInt(opts.getOrDefault("files", String.valueOf(Integer.MAX_VALUE))), 0);
            } finally {
                server.stop();
            }
            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "Built %tF %<tT UTC, load average at the start %s", System.currentTimeMillis(),
                    loadAverage()));
            Callable<String> hnsw = multiply(opts, report);
            if (opts.containsKey("overlap-builds")) { // a loaded machine and a deadline: both builds at once
                ExecutorService background = Executors.newSingleThreadExecutor();
                Future<String> built = background.submit(hnsw);
                String lucene = rebuildLucene(settings, dataDir, log);
                report.add(built.get() + " — while the Lucene index was rebuilt");
                report.add(lucene + " — while the HNSW indexes were built");
                background.shutdown();
            } else {
                report.add(hnsw.call());
                report.add(rebuildLucene(settings, dataDir, log));
            }
            report.add("Load average at the end of the build " + loadAverage());
            Files.write(buildReport, report);
        }
        query(opts, settings, dataDir, log);
        if (Files.exists(buildReport)) {
            System.out.println("\nBuild (" + buildReport + "):");
            Files.readAllLines(buildReport).forEach(System.out::println);
        }
    }

    /**
     * Copies the ingested collection until the corpus holds the target, without HNSW indexes; returns the build of
     * the indexes (timed), to run next.
     */
    private static Callable<String> multiply(Map<String, String> opts, List<String> report) throws Exception {
        long target = Long.parseLong(opts.getOrDefault("chunks", "1000000"));
        int collectionCount = Integer.parseInt(opts.getOrDefault("collections", "10"));
        double noise = Double.parseDouble(opts.getOrDefault("noise", "0.05"));
        String maintenanceMemory = opts.getOrDefault("maintenance-work-mem", "1GB");
        long source = DB.scalar("SELECT collection_id FROM chunks GROUP BY collection_id ORDER BY count(*) DESC LIMIT 1");
        long generation = DB.scalar("SELECT id FROM embedding_generations WHERE state = 'ACTIVE'");
        long perCopy = DB.scalar("SELECT count(*) FROM chunks WHERE collection_id = " + source);
        long documentBase = powerOfTenAbove(DB.scalar("SELECT max(id) FROM documents"));
        long chunkBase = powerOfTenAbove(DB.scalar("SELECT max(id) FROM chunks"));
        int copies = (int) Math.max(1, (target + perCopy - 1) / perCopy);
        try (Connection c = DB.connect(); Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '" + maintenanceMemory + "'");
            c.setAutoCommit(false);
            st.execute("UPDATE collections SET name = 'scale-1' WHERE id = " + source);
            List<Long> collections = new ArrayList<>(List.of(source));
            for (int i = 2; i <= collectionCount; i++) {
                try (ResultSet rs = st.executeQuery("INSERT INTO collections (name) VALUES ('scale-" + i + "') RETURNING id")) {
                    rs.next();
                    collections.add(rs.getLong(1));
                }
            }
            for (String index : strings(st, "SELECT relname FROM pg_class WHERE relkind = 'i' "
                    + "AND relname LIKE 'chunk\\_vectors\\_g%\\_c%\\_hnsw'")) {
                st.execute("DROP INDEX " + index);
            }
            String documentColumns = columns(st, "documents", "id", "collection_id");
            String chunkColumns = columns(st, "chunks", "id", "document_id", "collection_id");
            // the model's vector plus uniform noise in [-noise/2, noise/2] per dimension, renormalised; 997 noise
            // vectors, picked per chunk and copy, so that no two copies of a chunk in one collection get the same one
            long dimensions = DB.scalar("SELECT dimensions FROM embedding_generations WHERE id = " + generation);
            st.execute("CREATE TEMPORARY TABLE scale_noise AS SELECT i, (SELECT array_agg((random() - 0.5) * " + noise
                    + ") FROM generate_series(1, " + dimensions + ") d WHERE i >= 0)::vector AS v "
                    + "FROM generate_series(0, 996) i");
            String perturbed = "l2_normalize(embedding + (SELECT v FROM scale_noise WHERE i = (chunk_id * 31 + k) % 997))";
            System.out.printf(Locale.ROOT, "Copying %,d chunks %d times into %d collections …%n", perCopy, copies - 1,
                    collectionCount);
            long t0 = System.nanoTime();
            // copies k = first … last per statement (about 20,000 rows): copy k goes to collection k mod N and has
            // the ids of the original + k * base
            String collectionOfCopy = "('{" + collections.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + "}'::bigint[])[k % " + collectionCount + " + 1]";
            int batch = (int) Math.max(1, 20_000 / perCopy);
            for (int first = 1; first < copies; first += batch) {
                String ks = " CROSS JOIN generate_series(" + first + ", " + Math.min(copies - 1, first + batch - 1) + ") k";
                st.execute("INSERT INTO documents (id, collection_id, " + documentColumns + ") OVERRIDING SYSTEM VALUE "
                        + "SELECT id + k * " + documentBase + ", " + collectionOfCopy + ", " + documentColumns
                        + " FROM documents" + ks + " WHERE collection_id = " + source + " AND id < " + documentBase);
                st.execute("INSERT INTO chunks (id, document_id, collection_id, " + chunkColumns + ") OVERRIDING SYSTEM VALUE "
                        + "SELECT id + k * " + chunkBase + ", document_id + k * " + documentBase + ", " + collectionOfCopy + ", "
                        + chunkColumns + " FROM chunks" + ks + " WHERE collection_id = " + source + " AND id < " + chunkBase);
                // synthetic when k >= N: the text is in this collection already
                st.execute("INSERT INTO chunk_vectors (generation_id, chunk_id, collection_id, document_id, embedding, "
                        + "embedding_half) SELECT generation_id, chunk_id + k * " + chunkBase + ", " + collectionOfCopy
                        + ", document_id + k * " + documentBase + ", CASE WHEN embedding IS NULL OR k < " + collectionCount
                        + " THEN embedding ELSE " + perturbed + " END, embedding_half FROM chunk_vectors" + ks
                        + " WHERE generation_id = " + generation + " AND collection_id = " + source + " AND chunk_id < "
                        + chunkBase);
                System.out.printf(Locale.ROOT, "  %tT copies up to %d of %d%n", System.currentTimeMillis(),
                        Math.min(copies - 1, first + batch - 1), copies - 1);
            }
            for (String table : List.of("documents", "chunks")) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
            }
            c.commit();
            c.setAutoCommit(true);
            double copySeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            st.execute("VACUUM ANALYZE documents");
            st.execute("VACUUM ANALYZE chunks");
            st.execute("VACUUM ANALYZE chunk_vectors");
            double vacuumSeconds = (System.nanoTime() - t1) / 1e9;
            long chunks = DB.scalar("SELECT count(*) FROM chunks");
            long vectors = DB.scalar("SELECT count(*) FROM chunk_vectors");
            long documents = DB.scalar("SELECT count(*) FROM documents");
            long syntheticVectors = Math.max(0, copies - collectionCount) * perCopy;
            report.add(String.format(Locale.ROOT, "%,d chunks (%,d vectors, %,d documents) in %d collections: one copy of "
                    + "%,d chunks ingested through the app, %d copies made with INSERT … SELECT in %.0f s; %,d of the "
                    + "vectors are synthetic (copies of the text inside a collection: model vector + uniform noise of "
                    + "amplitude %.3f per dimension, renormalised); VACUUM ANALYZE %.0f s", chunks, vectors, documents,
                    collectionCount, perCopy, copies - 1, copySeconds, Math.min(syntheticVectors, vectors), noise,
                    vacuumSeconds));
            System.out.println(report.get(report.size() - 1));
            return () -> buildHnsw(generation, collections, maintenanceMemory);
        }
    }

    /** Creates the HNSW index of every collection, one after the other, with the statement the app uses. */
    private static String buildHnsw(long generation, List<Long> collections, String maintenanceMemory) throws Exception {
        try (Connection c = DB.connect(); Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '" + maintenanceMemory + "'");
            long workers = DB.scalar("SELECT current_setting('max_parallel_maintenance_workers')::int");
            List<String> perIndex = new ArrayList<>();
            long t0 = System.nanoTime();
            for (long collection : collections) {
                long i0 = System.nanoTime();
                String sql = strings(st, "SELECT chunk_vectors_index_sql(" + generation + ", " + collection + ", false)").get(0);
                st.execute(sql);
                perIndex.add(String.format(Locale.ROOT, "%.0f", (System.nanoTime() - i0) / 1e9));
                System.out.printf(Locale.ROOT, "  %tT HNSW index of collection %d built in %s s%n",
                        System.currentTimeMillis(), collection, perIndex.get(perIndex.size() - 1));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            st.execute("ANALYZE chunk_vectors");
            String line = String.format(Locale.ROOT, "HNSW build (m 16, ef_construction 64, one index per collection, "
                    + "maintenance_work_mem %s, max_parallel_maintenance_workers %d): %.0f s for %d indexes (s each: %s)",
                    maintenanceMemory, workers, seconds, collections.size(), String.join(", ", perIndex));
            System.out.println(line);
            return line;
        }
    }

    /** Deletes the Lucene directory and starts the app: its index follower rebuilds the index from PostgreSQL. */
    private static String rebuildLucene(Map<String, String> settings, Path dataDir, Path log) throws Exception {
        BenchDatabase.deleteTree(dataDir.resolve("index"));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        PackagedServer server = new PackagedServer(settings, log);
        long t0 = System.nanoTime();
        try {
            server.start();
            System.out.printf(Locale.ROOT, "  %tT app started; rebuilding the Lucene index …%n", System.currentTimeMillis());
            while (true) {
                Matcher m = REBUILT.matcher(tail(log, logStart));
                if (m.find()) {
                    String line = String.format(Locale.ROOT, "Lucene bulk rebuild (the app's bootstrap of a new index, "
                            + "-Xmx1g): %,d documents, %,d chunks in %.0f s (%.0f s from the app's start); index %,d MB",
                            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)) / 1000.0,
                            (System.nanoTime() - t0) / 1e9, directoryBytes(dataDir.resolve("index")) >> 20);
                    System.out.println(line);
                    return line;
                }
                Thread.sleep(2000);
            }
        } finally {
            server.stop();
        }
    }

    private static void query(Map<String, String> opts, Map<String, String> settings, Path dataDir, Path log) throws Exception {
        int[] concurrencies = SearchLoad.concurrencies(opts, "1,4");
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int warmUpPasses = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        List<String> questions = LatencyBenchmark.questions();
        String prewarmed = opts.containsKey("prewarm") ? prewarm() : "";
        PackagedServer server = new PackagedServer(settings, log);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        try {
            server.start();
            awaitReady(server); // a new or interrupted Lucene index is rebuilt first, in the background
            Matcher rebuilt = REBUILT.matcher(tail(log, logStart));
            if (rebuilt.find()) {
                System.out.println("The Lucene index was rebuilt at this start: " + rebuilt.group());
            }
            ApiClient api = server.client();
            String token = api.post("/api/tokens", Map.of("name", "scale-bench-" + System.nanoTime())).get("token").asText();
            long first = DB.scalar("SELECT min(id) FROM collections");
            long collections = DB.scalar("SELECT count(*) FROM collections");
            long chunks = DB.scalar("SELECT count(*) FROM chunks");
            long firstChunks = DB.scalar("SELECT count(*) FROM chunks WHERE collection_id = " + first);
            String loadBefore = loadAverage();
            List<String> out = new ArrayList<>();
            for (boolean all : new boolean[] {true, false}) {
                SearchLoad load = new SearchLoad(server.url(), token, all ? null : List.of(first));
                load.warmUp(questions, warmUpPasses);
                out.add(String.format(Locale.ROOT, "%n%s (%,d chunks); load average before %s%n%n%s",
                        all ? "All " + collections + " collections" : "One collection", all ? chunks : firstChunks,
                        loadAverage(), SearchLoad.HEADER));
                for (int concurrency : concurrencies) {
                    out.add(load.measure(questions, concurrency, rounds));
                }
            }
            long peakKb = SearchLoad.peakRssKb(server.pid());
            System.out.printf(Locale.ROOT, "%n%,d chunks in %d collections; hybrid search, limit 10, %d questions x %d rounds "
                    + "per concurrency after %d warm-up passes per scope; %d cores; server -Xmx1g, peak RSS %d MB; "
                    + "load before %s, after %s%n", chunks, collections, questions.size(), rounds, warmUpPasses,
                    Runtime.getRuntime().availableProcessors(), peakKb / 1024, loadBefore, loadAverage());
            out.forEach(System.out::println);
            System.out.println();
            System.out.println(sizes(dataDir));
            System.out.println(prewarmed);
        } finally {
            server.stop();
        }
    }

    /**
     * Reads the per-collection HNSW indexes, then the {@code chunk_vectors} table into shared buffers
     * ({@code pg_prewarm}, mode buffer): what the vector search reads, loaded before the first query as an operator
     * does after a restart. Returns a table of what was loaded, and how long it took, against {@code shared_buffers}.
     */
    private static String prewarm() throws SQLException {
        StringBuilder s = new StringBuilder("| prewarmed (pg_prewarm, shared_buffers " );
        try (Connection c = DB.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            try (ResultSet rs = st.executeQuery("SHOW shared_buffers")) {
                rs.next();
                s.append(rs.getString(1)).append(") | MB | blocks loaded |\n|---|---|---|\n");
            }
            List<String> relations = new ArrayList<>(strings(st, "SELECT relname FROM pg_class WHERE relkind = 'i' "
                    + "AND relname LIKE 'chunk\\_vectors\\_g%\\_c%\\_hnsw' ORDER BY relname"));
            relations.add("chunk_vectors");
            long[] hnsw = new long[2];
            long[] all = new long[2];
            long t0 = System.nanoTime();
            for (String relation : relations) {
                try (ResultSet rs = st.executeQuery("SELECT pg_prewarm('" + relation + "'), pg_relation_size('"
                        + relation + "')")) {
                    rs.next();
                    long[] to = relation.equals("chunk_vectors") ? new long[2] : hnsw;
                    to[0] += rs.getLong(1);
                    to[1] += rs.getLong(2);
                    all[0] += rs.getLong(1);
                    all[1] += rs.getLong(2);
                }
                if (relation.equals("chunk_vectors")) {
                    s.append(String.format(Locale.ROOT, "| %d HNSW indexes | %,d | %,d |%n", relations.size() - 1,
                            hnsw[1] >> 20, hnsw[0]));
                    s.append(String.format(Locale.ROOT, "| chunk_vectors table (main fork) | %,d | %,d |%n",
                            (all[1] - hnsw[1]) >> 20, all[0] - hnsw[0]));
                }
            }
            s.append(String.format(Locale.ROOT, "| total, in %.0f s | %,d | %,d |%n", (System.nanoTime() - t0) / 1e9,
                    all[1] >> 20, all[0]));
            System.out.printf(Locale.ROOT, "Prewarmed %d relations, %,d MB, in %.0f s%n", relations.size(),
                    all[1] >> 20, (System.nanoTime() - t0) / 1e9);
        }
        return s.toString();
    }

    private static void awaitReady(PackagedServer server) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url() + "/q/health/ready")).build();
        while (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 503) { // DOWN
            Thread.sleep(2000);
        }
    }

    private static String sizes(Path dataDir) throws Exception {
        long hnsw = DB.scalar("SELECT coalesce(sum(pg_relation_size(oid)), 0) FROM pg_class WHERE relkind = 'i' "
                + "AND relname LIKE 'chunk\\_vectors\\_g%\\_c%\\_hnsw'");
        StringBuilder s = new StringBuilder("| what | size on disk MB |\n|---|---|\n");
        try (Connection c = DB.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'")) {
            rs.next();
            s.append(row("PostgreSQL shared_buffers (setting, not on disk)", rs.getLong(1)));
        }
        s.append(row("PostgreSQL database (pg_database_size)", DB.scalar("SELECT pg_database_size(current_database())")));
        for (String table : List.of("chunks", "chunk_vectors", "documents")) {
            s.append(row(table + " table (heap + TOAST)", DB.scalar("SELECT pg_table_size('" + table + "')")));
            s.append(row(table + " indexes", DB.scalar("SELECT pg_indexes_size('" + table + "')")
                    - (table.equals("chunk_vectors") ? hnsw : 0)));
        }
        s.append(row("HNSW indexes (chunk_vectors, all collections)", hnsw));
        s.append(row("Lucene index (du " + dataDir.resolve("index") + ")", directoryBytes(dataDir.resolve("index"))));
        return s.toString();
    }

    private static String row(String what, long bytes) {
        return String.format(Locale.ROOT, "| %s | %,d |%n", what, bytes >> 20);
    }

    private static long directoryBytes(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String tail(Path log, long from) throws Exception {
        try (var ch = Files.newByteChannel(log, StandardOpenOption.READ)) {
            ch.position(from);
            return new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The insertable columns of a table except the ones named, comma-separated in table order. */
    private static String columns(Statement st, String table, String... except) throws SQLException {
        List<String> names = new ArrayList<>(strings(st, "SELECT column_name FROM information_schema.columns WHERE "
                + "table_schema = current_schema() AND table_name = '" + table + "' AND is_generated = 'NEVER' "
                + "ORDER BY ordinal_position"));
        names.removeAll(List.of(except));
        return String.join(", ", names);
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long powerOfTenAbove(long n) {
        long p = 10;
        while (p <= n) {
            p *= 10;
        }
        return p;
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
