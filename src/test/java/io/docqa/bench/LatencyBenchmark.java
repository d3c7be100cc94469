package io.docqa.bench;

import io.docqa.cli.ApiClient;
import io.docqa.testing.PackagedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * [--warmup passes, default 10] [--cpu searches] [--database NAME --data DIR] [--collection first|ID]
 * <p>
 * {@code --database} and {@code --data} run on an existing database and the app data directory that goes with it
 * (for example those of {@code scripts/bench.sh scale}), without creating or ingesting anything; the app writes
 * there what it writes at every start (API token, audit). {@code --collection} scopes every search, and the floor,
 * to one collection ({@code first}: the one with the smallest id).
 */
public final class LatencyBenchmark {

    /** The kept database; -Ddocqa.bench.database picks another (e.g. when several checkouts share one PostgreSQL). */
    private static final String DATABASE = System.getProperty("docqa.bench.database", "docqa_bench_latency");

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SearchLoad.options(args);
        boolean reuse = opts.containsKey("reuse");
        Path folder = Path.of(opts.getOrDefault("folder", "target/bench-corpus/usr/share/doc/postgresql-doc-15/html"));
        long targetChunks = Long.parseLong(opts.getOrDefault("chunks", "100000"));
        int[] concurrencies = SearchLoad.concurrencies(opts, "1,16");
        int cpuSearches = Integer.parseInt(opts.getOrDefault("cpu", "0"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int warmUpPasses = Integer.parseInt(opts.getOrDefault("warmup", "10"));
        List<String> questions = questions();
        boolean existing = opts.containsKey("database") || opts.containsKey("data");
        BenchDatabase db = new BenchDatabase(opts.getOrDefault("database", DATABASE));
        Path dataDir = Path.of(opts.getOrDefault("data", "target/bench-latency/data")).toAbsolutePath();

        if (existing && (!db.exists() || !Files.isDirectory(dataDir.resolve("index")))) {
            throw new IllegalArgumentException("No database " + db.name() + " or no index in " + dataDir);
        }
        if (!existing && (!reuse || !db.exists())) {
            db.recreate(dataDir);
        }
        Path log = Path.of("target/bench-latency/server.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Map<String, String> settings = SearchLoad.serverSettings(db, dataDir, opts);
        PackagedServer server = new PackagedServer(settings, log);
        SearchCpu.Run cpuRun = null;
        Map<String, Double> shares = null;
        try {
            server.start();
            ApiClient api = server.client();
            if (!existing) {
                ingest(db, api, folder, Integer.MAX_VALUE, targetChunks);
                server.stop(); // a fresh start: the query phase measures a server that did not just ingest
                server.start();
            }
            awaitReady(server);
            long peakBefore = SearchLoad.peakRssKb(server.pid());
            String token = api.post("/api/tokens", Map.of("name", "latency-bench-" + System.nanoTime())).get("token").asText();
            List<Long> scope = scope(db, opts.get("collection"));
            String where = scope == null ? "" : " WHERE collection_id = " + scope.get(0);
            long chunks = db.scalar("SELECT count(*) FROM chunks" + where);
            long collections = scope == null ? db.scalar("SELECT count(*) FROM collections") : 1;
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();

            SearchLoad load = new SearchLoad(server.url(), token, scope);
            load.warmUp(questions, warmUpPasses);
            List<String> rows = new ArrayList<>();
            List<String> cpu = new ArrayList<>();
            for (int concurrency : concurrencies) {
                Map<String, Double> before = CpuSplit.snapshot(server.pid());
                long c0 = System.nanoTime();
                rows.add(load.measure(questions, concurrency, rounds));
                cpu.add("Concurrency " + concurrency + ": " + CpuSplit.table(before, CpuSplit.snapshot(server.pid()),
                        (System.nanoTime() - c0) / 1e9, Runtime.getRuntime().availableProcessors(),
                        questions.size() * rounds));
            }
            if (cpuSearches > 0) {
                SearchCpu.Search one = load::send;
                int saturation = 2 * Runtime.getRuntime().availableProcessors();
                System.out.printf(Locale.ROOT, "CPU per search: %d searches at concurrency %d, load %s%n", cpuSearches,
                        saturation, Files.readString(Path.of("/proc/loadavg")).strip());
                cpuRun = SearchCpu.run(server.pid(), db.name(), questions, cpuSearches, saturation, one);
                shares = SearchCpu.stageShares(server.pid(), db.name(), Path.of("target/bench-latency/search-cpu.jfr"),
                        questions, cpuSearches, saturation, one);
            }
            long peakKb = Math.max(peakBefore, SearchLoad.peakRssKb(server.pid()));
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
            System.out.printf(Locale.ROOT, "%n%,d chunks in %d collections; hybrid search, limit 10, %d questions x %d rounds "
                    + "per concurrency after %d warm-up passes; %d cores; server -Xmx1g, peak RSS %d MB; load before %s, after %s%n%n",
                    chunks, collections, questions.size(), rounds, warmUpPasses, Runtime.getRuntime().availableProcessors(), peakKb / 1024,
                    loadBefore, loadAfter);
            if (!rows.isEmpty()) {
                System.out.println(SearchLoad.HEADER);
                rows.forEach(System.out::println);
            }
            cpu.forEach(t -> System.out.println("\n" + t));
        } finally {
            server.stop();
        }
        if (cpuRun != null) {
            // the floor runs after the server has stopped, on the same index directory and database
            Map<String, Double> floor = SearchFloor.measure(db.url(), BenchDatabase.USER, dataDir.resolve("index"),
                    scope(db, opts.get("collection")), questions,
                    Integer.parseInt(settings.getOrDefault("docqa.retrieve.depth", "50")),
                    Integer.parseInt(settings.getOrDefault("docqa.retrieve.ef-search", "100")), 3, 3);
            System.out.printf(Locale.ROOT, "%nCPU per search by stage against the floor (load %s):%n%n%s",
                    Files.readString(Path.of("/proc/loadavg")).strip(),
                    SearchCpu.table(cpuRun, shares, floor, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** {@code --collection first|ID} as the collections searched, or null (no option) for all. */
    private static List<Long> scope(BenchDatabase db, String collection) throws java.sql.SQLException {
        if (collection == null) {
            return null;
        }
        return List.of(collection.equals("first") ? db.scalar("SELECT min(id) FROM collections")
                : Long.parseLong(collection));
    }

    /** Waits while the app reports not ready (a Lucene index it found incomplete is rebuilt in the background). */
    private static void awaitReady(PackagedServer server) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url() + "/q/health/ready")).build();
        while (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
            Thread.sleep(2000);
        }
    }

    /** The PostgreSQL questions the latency benchmarks send. */
    static List<String> questions() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/bench/postgres-questions.txt"), StandardCharsets.UTF_8)
                .stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Uploads copies of the folder (its first {@code maxFiles} files by path) into collections pgdoc-1, pgdoc-2, …
     * until the corpus holds more than the target (at least one copy).
     */
    static void ingest(BenchDatabase db, ApiClient api, Path folder, int maxFiles, long targetChunks) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().limit(maxFiles).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No files in " + folder);
        }
        awaitQueue(db); // documents left queued by an interrupted run
        long perCopy = db.scalar("SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM chunks GROUP BY collection_id) c");
        long t0 = System.nanoTime();
        if (perCopy == 0) {
            upload(api, files, 1);
            awaitQueue(db);
            perCopy = db.scalar("SELECT count(*) FROM chunks");
            System.out.printf(Locale.ROOT, "First copy: %,d chunks in %.0f s%n", perCopy, (System.nanoTime() - t0) / 1e9);
        }
        long have = db.scalar("SELECT count(*) FROM chunks");
        long copies = db.scalar("SELECT count(*) FROM collections WHERE name LIKE 'pgdoc-%'");
        long t1 = System.nanoTime();
        long added = 0;
        while (have + added * perCopy <= targetChunks) {
            upload(api, files, (int) (copies + added + 1));
            added++;
        }
        if (added > 0) {
            awaitQueue(db);
            long now = db.scalar("SELECT count(*) FROM chunks");
            System.out.printf(Locale.ROOT, "%d more copies: %,d chunks in %.0f s (%.0f chunks/s with the embedding cache)%n",
                    added, now - have, (System.nanoTime() - t1) / 1e9, (now - have) / ((System.nanoTime() - t1) / 1e9));
        }
        // fresh statistics, as autovacuum would have them a minute later: without them the planner takes a new
        // collection for a tiny one and scans it exactly instead of using the HNSW index
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    private static void upload(ApiClient api, List<Path> files, int copy) throws Exception {
        long collection = api.post("/api/collections", Map.of("name", "pgdoc-" + copy)).get("id").asLong();
        for (int i = 0; i < files.size(); i += 50) {
            api.upload("/api/collections/" + collection + "/documents", files.subList(i, Math.min(files.size(), i + 50)));
        }
    }

    private static void awaitQueue(BenchDatabase db) throws Exception {
        long lastPrint = 0;
        while (true) {
            long pending = db.scalar("SELECT count(*) FROM documents WHERE status IN ('QUEUED', 'PROCESSING')");
            if (System.nanoTime() - lastPrint > 30e9 || pending == 0) {
                System.out.printf(Locale.ROOT, "  %tT pending documents %d, chunks %,d, cached vectors %,d%n",
                        System.currentTimeMillis(), pending, db.scalar("SELECT count(*) FROM chunks"),
                        db.scalar("SELECT count(*) FROM embedding_cache"));
                lastPrint = System.nanoTime();
            }
            // and every collection's HNSW graph built (a bulk load builds it once at its end; searches are exact until then)
            if (pending == 0 && db.scalar("SELECT count(*) FROM collections WHERE vector_index <> 'READY'") == 0) {
                return;
            }
            Thread.sleep(2000);
        }
    }
}
