package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.cli.ApiClient;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.embedding.PassageText;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * End-to-end ingestion throughput of the packaged app against the raw throughput of its embedding model on the same
 * chunks, in one run on one machine. Starts the packaged app on a fresh database, warms it up with 200 pages of another
 * manual (or generated pages) in a separate collection (the raw side gets a warm-up call too), uploads a folder of files through
 * the REST API in batches of 50 (as {@code ingest} does), waits until every document is final and the collection's HNSW
 * graph is built (a bulk load builds it once at its end), then embeds the stored
 * chunks again with the model alone (same batch size, same text as the pipeline embeds). Prints a Markdown table.
 * Usage: scripts/bench.sh ingest [folder] [maxFiles] [model] [warmUpFolder]
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    /** Enough to get the server's JIT compilation of the parse, chunk and store paths behind it. */
    private static final int WARM_UP_PAGES = Integer.getInteger("docqa.bench.warm-up-pages", 200);

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/pgdoc/x/usr/share/doc/postgresql-doc-15/html");
        int maxFiles = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        String model = args.length > 2 ? args[2] : "bge-small-en-v1.5-q";
        Path warmUpFolder = args.length > 3 && !args[3].isBlank() ? Path.of(args[3]) : null;
        int batchSize = 32;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().limit(maxFiles).toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        PostgresTestDatabase database = new PostgresTestDatabase();
        Map<String, String> settings = new HashMap<>(database.start());
        settings.put("docqa.embedding.model", model);
        settings.put("docqa.ingest.embed-batch-size", Integer.toString(batchSize));
        Path log = Files.createTempFile("docqa-bench", ".log");
        PackagedServer server = new PackagedServer(settings, log);
        try {
            server.start();
            ApiClient api = server.client();
            List<Path> warmUpPages = warmUpPages(warmUpFolder);
            warmUp(api, warmUpPages);
            long collection = api.post("/api/collections", Map.of("name", "bench")).get("id").asLong();
            String url = settings.get("quarkus.datasource.jdbc.url");
            String databaseName = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            Map<String, Double> cpuBefore = CpuSplit.snapshot(server.pid(), databaseName);
            long t0 = System.nanoTime();
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < files.size(); i += 50) {
                JsonNode r = api.upload("/api/collections/" + collection + "/documents",
                        files.subList(i, Math.min(files.size(), i + 50)));
                batches.add(r.get("batchId").asText());
            }
            long peakKb = 0;
            int done = 0; // batches before this one are known to be finished
            // one status request per second at most: the harness must not take CPU from the server it measures
            while (done < batches.size()) {
                while (done < batches.size() && api.get("/api/batches/" + batches.get(done)).get("finished").asBoolean()) {
                    done++;
                }
                peakKb = Math.max(peakKb, peakRssKb(server.pid()));
                if (done < batches.size()) {
                    Thread.sleep(1000);
                }
            }
            // searchable through its HNSW graph: a bulk load builds the collection's graph once at its end
            long documentsDone = System.nanoTime();
            while (!api.get("/api/collections/" + collection).get("vectorIndex").asText().equals("READY")) {
                peakKb = Math.max(peakKb, peakRssKb(server.pid()));
                Thread.sleep(500);
            }
            double graphSeconds = (System.nanoTime() - documentsDone) / 1e9;
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> cpuAfter = CpuSplit.snapshot(server.pid(), databaseName);
            double endToEndCpu = CpuSplit.used(cpuBefore, cpuAfter, k -> k.startsWith("server: ")
                    || k.startsWith("parser processes") || k.equals(CpuSplit.DATABASE_CONNECTIONS));
            Map<String, Double> cpuUsed = CpuSplit.used(cpuBefore, cpuAfter);
            peakKb = Math.max(peakKb, peakRssKb(server.pid()));
            int ready;
            int failed;
            List<String> texts = new ArrayList<>();
            int withContext = 0;
            try (Connection c = DriverManager.getConnection(settings.get("quarkus.datasource.jdbc.url"),
                    settings.get("quarkus.datasource.username"), settings.get("quarkus.datasource.password"));
                    Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE status = 'READY'), "
                        + "count(*) FILTER (WHERE status = 'FAILED') FROM documents WHERE collection_id = " + collection)) {
                    rs.next();
                    ready = rs.getInt(1);
                    failed = rs.getInt(2);
                }
                // exactly what the server embedded: section path, context (a split table's header row, the term a
                // later part of a description belongs to) and text, as ChunkDraft.embeddingText builds it
                try (ResultSet rs = st.executeQuery("SELECT heading_path, text, context FROM chunks WHERE collection_id = "
                        + collection + " ORDER BY id")) {
                    while (rs.next()) {
                        texts.add(PassageText.of(rs.getString(2), rs.getString(1), rs.getString(3)));
                        withContext += rs.getString(3) == null || rs.getString(3).isEmpty() ? 0 : 1;
                    }
                }
            }
            server.stop();
            settle(settings);

            // the model alone, twice; the faster pass counts (a pass disturbed by anything else would flatter us)
            EmbeddingModels convention = EmbeddingModels.byId(model);
            EmbeddingModel embedder = convention.load();
            embedder.embed("warm up");
            double rawSeconds = Double.MAX_VALUE;
            double rawCpuSeconds = Double.MAX_VALUE;
            List<String> passes = new ArrayList<>();
            for (int pass = 0; pass < 2; pass++) {
                long e0 = System.nanoTime();
                double cpu0 = CpuSplit.processSeconds(ProcessHandle.current().pid());
                for (int i = 0; i < texts.size(); i += batchSize) {
                    embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + batchSize)).stream()
                            .map(t -> TextSegment.from(convention.passageText(t))).toList());
                }
                double s = (System.nanoTime() - e0) / 1e9;
                rawCpuSeconds = Math.min(rawCpuSeconds, CpuSplit.processSeconds(ProcessHandle.current().pid()) - cpu0);
                passes.add(String.format(Locale.ROOT, "%.1f", texts.size() / s));
                rawSeconds = Math.min(rawSeconds, s);
            }
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

            double chunksPerSecond = texts.size() / seconds;
            double rawPerSecond = texts.size() / rawSeconds;
            System.out.printf(Locale.ROOT, "%n%d files (%.1f MB) from %s; model %s; %d cores; load before %s, after %s;"
                    + " server warmed up with %d pages from %s%n%n", files.size(), bytes / 1e6, folder, model,
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, warmUpPages.size(),
                    warmUpFolder == null ? "a generator" : warmUpFolder);
            System.out.println("| documents (ready/failed) | chunks | end-to-end s | documents/s | chunks/s | MB/s "
                    + "| server peak RSS MB | raw embedding chunks/s | end-to-end / raw |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d (%d/%d) | %d | %.1f | %.2f | %.1f | %.3f | %d | %.1f | %.0f %% |%n",
                    ready + failed, ready, failed, texts.size(), seconds, (ready + failed) / seconds, chunksPerSecond,
                    bytes / 1e6 / seconds, peakKb / 1024, rawPerSecond, 100 * chunksPerSecond / rawPerSecond);
            System.out.printf(Locale.ROOT, "%nRaw embedding passes (chunks/s): %s; the table uses the faster.%n", String.join(", ", passes));
            System.out.printf(Locale.ROOT, "End-to-end includes %.1f s after the last document was READY until the "
                    + "collection's HNSW graph was built (vectorIndex READY).%n", graphSeconds);
            System.out.printf(Locale.ROOT, "Embedded texts: %d chunks, %d of them with a context, %d distinct texts, %.0f characters"
                    + " on average%n", texts.size(), withContext, new HashSet<>(texts).size(),
                    texts.stream().mapToInt(String::length).average().orElse(0));
            // the same comparison in CPU time, which other load on the machine disturbs far less than wall time:
            // server, parser processes and PostgreSQL per chunk against the model alone per chunk
            System.out.printf(Locale.ROOT, "CPU per chunk: end-to-end %.1f ms (server, parser processes, its database connections), raw "
                    + "embedding %.1f ms; raw / end-to-end %.0f %%%n", 1000 * endToEndCpu / texts.size(),
                    1000 * rawCpuSeconds / texts.size(), 100 * rawCpuSeconds / endToEndCpu);
            System.out.println(perChunk(cpuUsed, texts.size(), rawCpuSeconds, endToEndCpu));
            System.out.println(CpuSplit.table(cpuBefore, cpuAfter, seconds, Runtime.getRuntime().availableProcessors(),
                    texts.size(), "chunk"));
        } finally {
            server.stop();
            database.stop();
        }
    }

    /**
     * The end-to-end CPU per chunk by component, beside the raw model's: what each part adds to the embedding.
     * With every core busy, end-to-end / raw in chunks per second is at most raw CPU / end-to-end CPU per chunk.
     */
    private static String perChunk(Map<String, Double> used, int chunks, double rawSeconds, double endToEndSeconds) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        parts.put("embedding threads", used.getOrDefault("server: embedding", 0.0));
        parts.put("ingest workers (parse requests, chunking, embedding of one-chunk batches, JDBC)",
                used.getOrDefault("server: ingest workers (parse, chunk, store)", 0.0));
        parts.put("parser processes", used.getOrDefault("parser processes", 0.0)
                + used.getOrDefault("parser processes that ended", 0.0));
        parts.put("PostgreSQL (the run's connections)", used.getOrDefault(CpuSplit.DATABASE_CONNECTIONS, 0.0));
        parts.put("JIT (C1 + C2)", used.getOrDefault("server: JIT compiler (C1)", 0.0)
                + used.getOrDefault("server: JIT compiler (C2)", 0.0));
        parts.put("Lucene", used.getOrDefault("server: Lucene indexing and merges", 0.0));
        parts.put("GC and VM", used.getOrDefault("server: GC and VM", 0.0));
        double listed = parts.values().stream().mapToDouble(Double::doubleValue).sum();
        parts.put("other server threads (HTTP, ended threads, rest)", Math.max(0, endToEndSeconds - listed));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n| CPU ms per chunk | end-to-end | raw model |%n|---|---:|---:|%n"));
        parts.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "| %s | %.1f | |%n", k, 1000 * v / chunks)));
        sb.append(String.format(Locale.ROOT, "| **total** | **%.1f** | **%.1f** |%n", 1000 * endToEndSeconds / chunks,
                1000 * rawSeconds / chunks));
        return sb.toString();
    }

    /** Lets PostgreSQL write out what the run left behind, so the raw pass does not share the CPU with it. */
    private static void settle(Map<String, String> settings) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.get("quarkus.datasource.jdbc.url"),
                settings.get("quarkus.datasource.username"), settings.get("quarkus.datasource.password"));
                Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
        Thread.sleep(5000);
    }

    /**
     * The warm-up documents: real HTML pages of another manual when a folder is given (the first
     * {@code WARM_UP_PAGES} (200, or -Ddocqa.bench.warm-up-pages) files under 40 KB: other text, so nothing of the measured corpus enters the embedding
     * cache, but the same kind of markup for the parser, the chunker and Lucene), else generated pages.
     */
    private static List<Path> warmUpPages(Path folder) throws IOException {
        if (folder == null) {
            return generatedPages();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(f -> f.toString().endsWith(".html")).filter(f -> {
                try {
                    return Files.size(f) < 40_000;
                } catch (IOException e) {
                    return false;
                }
            }).sorted().limit(WARM_UP_PAGES).toList();
        }
    }

    private static List<Path> generatedPages() throws IOException {
        Path dir = Files.createTempDirectory("docqa-warm-up");
        Random random = new Random(7);
        String[] words = ("table index query vacuum transaction replication backup server client role schema "
                + "function trigger view column row lock snapshot checkpoint buffer planner statistics").split(" ");
        List<Path> pages = new ArrayList<>();
        for (int p = 0; p < WARM_UP_PAGES; p++) {
            // the element mix of a manual page: headings of three levels, paragraphs, lists, a table, a code block
            StringBuilder html = new StringBuilder("<html><head><title>Warm-up " + p + "</title></head><body><h1>Chapter ")
                    .append(p).append("</h1>");
            for (int sec = 0; sec < 4; sec++) {
                html.append("<h2>").append(p).append('.').append(sec).append(' ').append(words(random, words, 3)).append("</h2>");
                for (int para = 0; para < 3; para++) {
                    html.append("<p>").append(words(random, words, 60)).append(" <a href=\"x.html\">")
                            .append(words(random, words, 2)).append("</a> <code>").append(words(random, words, 1))
                            .append("</code>.</p>");
                }
                html.append("<h3>").append(words(random, words, 2)).append("</h3><ul>");
                for (int item = 0; item < 4; item++) {
                    html.append("<li><p>").append(words(random, words, 12)).append("</p></li>");
                }
                html.append("</ul><table><thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead><tbody>");
                for (int row = 0; row < 6; row++) {
                    html.append("<tr><td><code>").append(words(random, words, 1)).append("</code></td><td>")
                            .append(words(random, words, 1)).append("</td><td>").append(words(random, words, 10))
                            .append("</td></tr>");
                }
                html.append("</tbody></table><pre class=\"programlisting\">SELECT ").append(words(random, words, 8))
                        .append(";\n</pre>");
            }
            Path page = dir.resolve("warm-up-" + p + ".html");
            Files.writeString(page, html.append("</body></html>"));
            pages.add(page);
        }
        return pages;
    }

    /**
     * Ingests the warm-up pages into a separate collection and waits for them: the server's one-time start-up work
     * (JIT compilation, model and parser loading) is then behind it, as the raw side's warm-up call is.
     */
    private static void warmUp(ApiClient api, List<Path> pages) throws Exception {
        long collection = api.post("/api/collections", Map.of("name", "warm-up")).get("id").asLong();
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < pages.size(); i += 40) { // at most 50 files per upload request
            batches.add(api.upload("/api/collections/" + collection + "/documents",
                    pages.subList(i, Math.min(pages.size(), i + 40))).get("batchId").asText());
        }
        for (String batch : batches) {
            while (!api.get("/api/batches/" + batch).get("finished").asBoolean()) {
                Thread.sleep(1000);
            }
        }
        while (!api.get("/api/collections/" + collection).get("vectorIndex").asText().equals("READY")) {
            Thread.sleep(500); // its graph, when built at the end of the load, is not built during the measured run
        }
    }

    private static String words(Random random, String[] words, int n) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < n; w++) {
            sb.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]).append(random.nextInt(1000));
        }
        return sb.toString();
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0; // the process has exited
        }
        return 0;
    }
}
