package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.cli.ApiClient;
import io.docqa.testing.Api;
import io.docqa.testing.PackagedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Hybrid search latency of the packaged app (-Xmx1g) over more than 100,000 chunks. Ingests a folder (the PostgreSQL
 * manual) into as many collections as needed to pass the chunk target — the embedding cache makes every copy after
 * the first cheap — then sends a fixed list of PostgreSQL questions through {@code POST /api/search} (hybrid, all
 * collections, limit 10) at each concurrency after a warm-up, and prints p50/p95/p99, throughput, the median stage
 * split from the response's {@code timings} and the server's peak RSS as Markdown.
 * The database {@code docqa_bench_latency} and the data directory {@code target/bench-latency/data} are kept after
 * the run; {@code --reuse} starts from them (ingesting only what is missing), otherwise both are recreated.
 * With {@code --cpu N} it also measures the CPU per search at saturation ({@link SearchCpu}: N searches, split by
 * stage) against the floor of the three primitives alone ({@link SearchFloor}); {@code --concurrency none} skips
 * the latency table.
 * Usage: scripts/bench.sh latency [--reuse] [--folder DIR] [--chunks N] [--concurrency 1,16|none] [--rounds N]
 * [--warmup passes, default 10] [--cpu searches]
 */
public final class LatencyBenchmark {

    /** The kept database; -Ddocqa.bench.database picks another (e.g. when several checkouts share one PostgreSQL). */
    static final String DATABASE = System.getProperty("docqa.bench.database", "docqa_bench_latency");
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final String USER = "postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        boolean reuse = opts.containsKey("reuse");
        Path folder = Path.of(opts.getOrDefault("folder", "target/bench-corpus/usr/share/doc/postgresql-doc-15/html"));
        long targetChunks = Long.parseLong(opts.getOrDefault("chunks", "100000"));
        String levels = opts.getOrDefault("concurrency", "1,16");
        int[] concurrencies = levels.equals("none") ? new int[0]
                : Arrays.stream(levels.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int cpuSearches = Integer.parseInt(opts.getOrDefault("cpu", "0"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int warmUpPasses = Integer.parseInt(opts.getOrDefault("warmup", "10"));
        List<String> questions = Files.readAllLines(Path.of("src/test/resources/bench/postgres-questions.txt"),
                StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        Path dataDir = Path.of("target/bench-latency/data").toAbsolutePath();

        if (!reuse || !databaseExists()) {
            recreate(dataDir);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.datasource.jdbc.url", DB_URL);
        settings.put("quarkus.datasource.username", USER);
        settings.put("quarkus.datasource.password", "");
        settings.put("docqa.corpus.data-dir", dataDir.toString());
        settings.put("docqa.admin.password", Api.ADMIN_PASSWORD);
        settings.put("docqa.security.rate-limit.per-minute", "1000000");
        settings.put("docqa.security.rate-limit.burst", "1000000");
        opts.forEach((k, v) -> {
            if (k.startsWith("D")) {
                settings.put(k.substring(1), v); // --Ddocqa.x=y passes a server setting through
            }
        });
        Path log = Path.of("target/bench-latency/server.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        PackagedServer server = new PackagedServer(settings, log);
        SearchCpu.Run cpuRun = null;
        Map<String, Double> shares = null;
        try {
            server.start();
            ApiClient api = server.client();
            ingest(api, folder, targetChunks);
            server.stop(); // a fresh start: the query phase measures a server that did not just ingest
            server.start();
            long peakBefore = peakRssKb(server.pid());
            String token = api.post("/api/tokens", Map.of("name", "latency-bench-" + System.nanoTime())).get("token").asText();
            long chunks = scalar("SELECT count(*) FROM chunks");
            long collections = scalar("SELECT count(*) FROM collections");
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI search = URI.create(server.url() + "/api/search");
            // warm-up: JIT (a compiler busy with the search path takes a core from the measured requests), model,
            // page cache, HNSW pages; at concurrency 4 so that concurrent code paths are compiled too
            ExecutorService warm = Executors.newFixedThreadPool(4);
            List<Future<?>> warming = new ArrayList<>();
            for (int pass = 0; pass < warmUpPasses; pass++) {
                for (String q : questions) {
                    warming.add(warm.submit(() -> send(http, search, token, q)));
                }
            }
            for (Future<?> f : warming) {
                f.get();
            }
            warm.shutdown();
            List<String> rows = new ArrayList<>();
            List<String> cpu = new ArrayList<>();
            for (int concurrency : concurrencies) {
                Map<String, Double> before = CpuSplit.snapshot(server.pid());
                long c0 = System.nanoTime();
                rows.add(measure(http, search, token, questions, concurrency, rounds));
                cpu.add("Concurrency " + concurrency + ": " + CpuSplit.table(before, CpuSplit.snapshot(server.pid()),
                        (System.nanoTime() - c0) / 1e9, Runtime.getRuntime().availableProcessors(),
                        questions.size() * rounds));
            }
            if (cpuSearches > 0) {
                SearchCpu.Search one = q -> send(http, search, token, q);
                int saturation = 2 * Runtime.getRuntime().availableProcessors();
                System.out.printf(Locale.ROOT, "CPU per search: %d searches at concurrency %d, load %s%n", cpuSearches,
                        saturation, Files.readString(Path.of("/proc/loadavg")).strip());
                cpuRun = SearchCpu.run(server.pid(), DATABASE, questions, cpuSearches, saturation, one);
                shares = SearchCpu.stageShares(server.pid(), DATABASE, Path.of("target/bench-latency/search-cpu.jfr"), questions,
                        cpuSearches, saturation, one);
            }
            long peakKb = Math.max(peakBefore, peakRssKb(server.pid()));
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
            System.out.printf(Locale.ROOT, "%n%,d chunks in %d collections; hybrid search, limit 10, %d questions x %d rounds "
                    + "per concurrency after %d warm-up passes; %d cores; server -Xmx1g, peak RSS %d MB; load before %s, after %s%n%n",
                    chunks, collections, questions.size(), rounds, warmUpPasses, Runtime.getRuntime().availableProcessors(), peakKb / 1024,
                    loadBefore, loadAfter);
            if (!rows.isEmpty()) {
                System.out.println("| concurrency | requests | p50 ms | p95 ms | p99 ms | max ms | throughput q/s "
                        + "| median embed ms | bm25 ms | vector ms | fusion ms | load ms | total (server) ms |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                rows.forEach(System.out::println);
            }
            cpu.forEach(t -> System.out.println("\n" + t));
        } finally {
            server.stop();
        }
        if (cpuRun != null) {
            // the floor runs after the server has stopped, on the same index directory and database
            Map<String, Double> floor = SearchFloor.measure(DB_URL, USER, dataDir.resolve("index"), questions,
                    Integer.parseInt(settings.getOrDefault("docqa.retrieve.depth", "50")),
                    Integer.parseInt(settings.getOrDefault("docqa.retrieve.ef-search", "100")), 3, 3);
            System.out.printf(Locale.ROOT, "%nCPU per search by stage against the floor (load %s):%n%n%s",
                    Files.readString(Path.of("/proc/loadavg")).strip(),
                    SearchCpu.table(cpuRun, shares, floor, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** Uploads copies of the folder into collections pgdoc-1, pgdoc-2, … until the corpus holds the target. */
    private static void ingest(ApiClient api, Path folder, long targetChunks) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No files in " + folder);
        }
        awaitQueue(); // documents left queued by an interrupted run
        long perCopy = scalar("SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM chunks GROUP BY collection_id) c");
        long t0 = System.nanoTime();
        if (perCopy == 0) {
            upload(api, files, 1);
            awaitQueue();
            perCopy = scalar("SELECT count(*) FROM chunks");
            System.out.printf(Locale.ROOT, "First copy: %,d chunks in %.0f s%n", perCopy, (System.nanoTime() - t0) / 1e9);
        }
        long have = scalar("SELECT count(*) FROM chunks");
        long copies = scalar("SELECT count(*) FROM collections WHERE name LIKE 'pgdoc-%'");
        long t1 = System.nanoTime();
        long added = 0;
        while (have + added * perCopy <= targetChunks) {
            upload(api, files, (int) (copies + added + 1));
            added++;
        }
        if (added > 0) {
            awaitQueue();
            long now = scalar("SELECT count(*) FROM chunks");
            System.out.printf(Locale.ROOT, "%d more copies: %,d chunks in %.0f s (%.0f chunks/s with the embedding cache)%n",
                    added, now - have, (System.nanoTime() - t1) / 1e9, (now - have) / ((System.nanoTime() - t1) / 1e9));
        }
        // fresh statistics, as autovacuum would have them a minute later: without them the planner takes a new
        // collection for a tiny one and scans it exactly instead of using the HNSW index
        try (Connection c = DriverManager.getConnection(DB_URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    private static void upload(ApiClient api, List<Path> files, int copy) throws Exception {
        long collection = api.post("/api/collections", Map.of("name", "pgdoc-" + copy)).get("id").asLong();
        for (int i = 0; i < files.size(); i += 50) {
            api.upload("/api/collections/" + collection + "/documents", files.subList(i, Math.min(files.size(), i + 50)));
        }
    }

    private static void awaitQueue() throws Exception {
        long lastPrint = 0;
        while (true) {
            long pending = scalar("SELECT count(*) FROM documents WHERE status IN ('QUEUED', 'PROCESSING')");
            if (System.nanoTime() - lastPrint > 30e9 || pending == 0) {
                System.out.printf(Locale.ROOT, "  %tT pending documents %d, chunks %,d, cached vectors %,d%n",
                        System.currentTimeMillis(), pending, scalar("SELECT count(*) FROM chunks"),
                        scalar("SELECT count(*) FROM embedding_cache"));
                lastPrint = System.nanoTime();
            }
            if (pending == 0) {
                return;
            }
            Thread.sleep(2000);
        }
    }

    private static String measure(HttpClient http, URI search, String token, List<String> questions, int concurrency,
            int rounds) throws Exception {
        List<String> work = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            work.addAll(questions);
        }
        Collections.shuffle(work, new java.util.Random(42));
        long[] latencies = new long[work.size()];
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        for (String s : List.of("embedMs", "bm25Ms", "vectorMs", "fusionMs", "loadMs", "totalMs")) {
            stages.put(s, Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        JsonNode r = send(http, search, token, work.get(i));
                        latencies[i] = System.nanoTime() - s;
                        JsonNode timings = r.path("timings");
                        stages.forEach((k, list) -> {
                            if (timings.has(k)) {
                                list.add(timings.get(k).asDouble());
                            }
                        });
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        latencies[i] = -1;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " requests failed at concurrency " + concurrency);
        }
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f",
                concurrency, ok.length, pct(ok, 50), pct(ok, 95), pct(ok, 99), ok[ok.length - 1] / 1e6, ok.length / seconds));
        for (List<Double> values : stages.values()) {
            row.append(values.isEmpty() ? " | –" : String.format(Locale.ROOT, " | %.1f", median(values)));
        }
        return row.append(" |").toString();
    }

    private static JsonNode send(HttpClient http, URI search, String token, String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(search).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "limit", 10))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        if (body.path("results").size() == 0) {
            throw new IOException("No results for " + query);
        }
        return body;
    }

    private static double pct(long[] sortedNanos, int p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** {@code --key value}, {@code --key=value} and the flag {@code --reuse}, as a map (shared by the benchmarks here). */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + a);
            }
            String key = a.substring(2);
            if (key.contains("=")) {
                opts.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
            } else if (key.equals("reuse")) {
                opts.put(key, "true");
            } else {
                opts.put(key, args[++i]);
            }
        }
        return opts;
    }

    private static boolean databaseExists() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            return rs.next();
        }
    }

    private static void recreate(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection c = DriverManager.getConnection(DB_URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        if (Files.exists(dataDir)) {
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dataDir);
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB_URL, USER, ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process has exited
        }
        return 0;
    }
}
