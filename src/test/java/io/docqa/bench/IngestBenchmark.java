package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.cli.ApiClient;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.ingest.jobs.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end ingestion throughput of the packaged app against the raw throughput of its embedding model on the same
 * chunks, in one run on one machine. Starts the packaged app on a fresh database, uploads a folder of files through
 * the REST API in batches of 50 (as {@code ingest} does), waits until every document is final, then embeds the stored
 * chunks again with the model alone (same batch size, same text as the pipeline embeds). Prints a Markdown table.
 * Usage: scripts/bench-ingest.sh [folder] [maxFiles] [model]
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/pgdoc/x/usr/share/doc/postgresql-doc-15/html");
        int maxFiles = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        String model = args.length > 2 ? args[2] : "bge-small-en-v1.5-q";
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
            long collection = api.post("/api/collections", Map.of("name", "bench")).get("id").asLong();
            long t0 = System.nanoTime();
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < files.size(); i += 50) {
                JsonNode r = api.upload("/api/collections/" + collection + "/documents",
                        files.subList(i, Math.min(files.size(), i + 50)));
                batches.add(r.get("batchId").asText());
            }
            long peakKb = 0;
            while (true) {
                boolean finished = true;
                for (String b : batches) {
                    finished &= api.get("/api/batches/" + b).get("finished").asBoolean();
                }
                peakKb = Math.max(peakKb, peakRssKb(server.pid()));
                if (finished) {
                    break;
                }
                Thread.sleep(500);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            peakKb = Math.max(peakKb, peakRssKb(server.pid()));
            int ready;
            int failed;
            List<String> texts = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(settings.get("quarkus.datasource.jdbc.url"),
                    settings.get("quarkus.datasource.username"), settings.get("quarkus.datasource.password"));
                    Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE status = 'READY'), "
                        + "count(*) FILTER (WHERE status = 'FAILED') FROM documents")) {
                    rs.next();
                    ready = rs.getInt(1);
                    failed = rs.getInt(2);
                }
                try (ResultSet rs = st.executeQuery("SELECT heading_path, text FROM chunks ORDER BY id")) {
                    while (rs.next()) {
                        String h = rs.getString(1);
                        String t = rs.getString(2);
                        texts.add(h == null || h.isEmpty() || t.startsWith(h) ? t : h + "\n" + t); // as ChunkDraft.embeddingText
                    }
                }
            }
            server.stop();

            EmbeddingModel embedder = EmbeddingModels.byId(model).load();
            embedder.embed("warm up");
            long e0 = System.nanoTime();
            for (int i = 0; i < texts.size(); i += batchSize) {
                embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + batchSize)).stream()
                        .map(TextSegment::from).toList());
            }
            double rawSeconds = (System.nanoTime() - e0) / 1e9;
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

            double chunksPerSecond = texts.size() / seconds;
            double rawPerSecond = texts.size() / rawSeconds;
            System.out.printf(Locale.ROOT, "%n%d files (%.1f MB) from %s; model %s; %d cores; load before %s, after %s%n%n",
                    files.size(), bytes / 1e6, folder, model, Runtime.getRuntime().availableProcessors(), loadBefore,
                    loadAfter);
            System.out.println("| documents (ready/failed) | chunks | end-to-end s | documents/s | chunks/s | MB/s "
                    + "| server peak RSS MB | raw embedding chunks/s | end-to-end / raw |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d (%d/%d) | %d | %.1f | %.2f | %.1f | %.3f | %d | %.1f | %.0f %% |%n",
                    ready + failed, ready, failed, texts.size(), seconds, (ready + failed) / seconds, chunksPerSecond,
                    bytes / 1e6 / seconds, peakKb / 1024, rawPerSecond, 100 * chunksPerSecond / rawPerSecond);
        } finally {
            server.stop();
            database.stop();
        }
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
