package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.corpus.IndexChangeLog;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * What it costs an instance to follow the index change log. A fresh database receives N synthetic chunks (10 per
 * READY document, ~800 characters of text, one change per document; written by SQL, without the HNSW index, which
 * plays no part in following). Then:
 * <ol>
 * <li>bootstrap: a packaged instance starts with an empty data directory; time until HTTP answers and until
 * {@code /q/health/ready} is UP (the background rebuild);</li>
 * <li>steady state: another "instance" (this program, through {@link IndexChangeLog#record}) commits documents of
 * 10 chunks at a fixed rate; the follower's lag (changes) is sampled from its readiness data;</li>
 * <li>cost: the follower's CPU time during that phase minus its idle CPU over the same time, per 1,000 changes;</li>
 * <li>the watermark a BM25 search reads first ({@code max(seq)} of the change log), timed over 2,000 reads.</li>
 * </ol>
 * Usage: scripts/bench.sh followers [chunks, default 100000] [docs-per-second, default 20] [seconds, default 30]
 */
public final class FollowerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FollowerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        PostgresTestDatabase database = new PostgresTestDatabase();
        Map<String, String> settings = new HashMap<>(database.start());
        String url = settings.get("quarkus.datasource.jdbc.url");
        String user = settings.get("quarkus.datasource.username");
        String password = settings.get("quarkus.datasource.password");
        Path work = Files.createTempDirectory("docqa-bench-followers");
        settings.put("docqa.corpus.data-dir", work.resolve("data").toString());
        settings.put("docqa.cluster.role", "web");
        PackagedServer server = new PackagedServer(settings, Path.of("target/bench-followers-server.log"));
        StringBuilder table = new StringBuilder();
        try {
            Flyway.configure().dataSource(url, user, password).load().migrate();
            long t0 = System.nanoTime();
            long collection = load(url, user, password, chunks);
            System.err.printf("loaded %,d chunks in %d s%n", chunks, (System.nanoTime() - t0) / 1_000_000_000);

            long start = System.nanoTime();
            server.start();
            long httpMillis = (System.nanoTime() - start) / 1_000_000;
            HttpClient http = HttpClient.newHttpClient();
            while (ready(http, server) == null) {
                Thread.sleep(100);
            }
            long readyMillis = (System.nanoTime() - start) / 1_000_000;

            ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
            Thread.sleep(3_000); // settle after the rebuild
            long idle0 = cpuMillis(process);
            Thread.sleep(seconds * 1000L);
            long idleCpu = cpuMillis(process) - idle0;

            Jdbi jdbi = Jdbi.create(url, user, password);
            IndexChangeLog log = new IndexChangeLog(jdbi);
            List<Long> lags = Collections.synchronizedList(new ArrayList<>());
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        JsonNode data = ready(http, server);
                        if (data != null) {
                            lags.add(data.get("lag").asLong());
                        }
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a missed sample
                    }
                }
            });
            long busy0 = cpuMillis(process);
            long headBefore = log.lastSeq();
            int written = ingest(url, user, password, log, collection, rate, seconds);
            long headAfter = log.lastSeq();
            while (ready(http, server) == null || lagOf(http, server) > 0) {
                Thread.sleep(50);
            }
            long busyCpu = cpuMillis(process) - busy0;
            sampler.interrupt();
            long changes = headAfter - headBefore;
            double cpuPer1000 = Math.max(0, busyCpu - idleCpu) * 1000.0 / changes;

            double watermarkMicros = watermarkMicros(url, user, password);
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            table.append("| chunks | bootstrap: HTTP up | bootstrap: ready (rebuilt) | ingest rate | lag p50 / p95 / max (changes) "
                    + "| follower CPU per 1,000 changes | watermark read (max(seq)) |\n|---|---|---|---|---|---|---|\n");
            table.append(String.format(Locale.ROOT, "| %,d | %.1f s | %.1f s | %d docs/s × %d s (%d docs, %,d chunks) "
                    + "| %d / %d / %d | %.0f ms | %.0f µs |%n", chunks, httpMillis / 1000.0, readyMillis / 1000.0, rate, seconds,
                    written, written * 10, pct(sorted, 50), pct(sorted, 95), pct(sorted, 100), cpuPer1000, watermarkMicros));
            table.append(String.format(Locale.ROOT, "%nIdle follower CPU: %d ms over %d s; during ingestion: %d ms.%n",
                    idleCpu, seconds, busyCpu));
            System.out.print(table);
            Files.writeString(Path.of("target/bench-followers.md"), table);
        } finally {
            server.stop();
            database.stop();
        }
    }

    /** N chunks in N/10 READY documents of one collection, one change each; returns the collection id. */
    private static long load(String url, String user, String password, int chunks) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("INSERT INTO collections(name) VALUES ('Synthetic')");
            long collection;
            try (ResultSet rs = st.executeQuery("SELECT id FROM collections WHERE name = 'Synthetic'")) {
                rs.next();
                collection = rs.getLong(1);
            }
            st.execute("DROP INDEX chunks_embedding_c" + collection); // the load is faster without its vector index
            int docs = Math.max(1, chunks / 10);
            st.execute("INSERT INTO documents(collection_id, name, content_type, size_bytes, sha256, status, chunk_count) "
                    + "SELECT " + collection + ", 'record-' || g || '.txt', 'text/plain', 8000, lpad(md5(g::text), 64, '0'), "
                    + "'READY', 10 FROM generate_series(1, " + docs + ") g");
            st.execute("INSERT INTO chunks(document_id, collection_id, ordinal, text, start_offset, end_offset) "
                    + "SELECT d.id, d.collection_id, o, " + text("d.id", "o") + ", 0, 800 "
                    + "FROM documents d, generate_series(0, 9) o"); // vectors play no part in following the index
            st.execute("INSERT INTO index_changes(document_id) SELECT id FROM documents ORDER BY id");
            st.execute("ANALYZE");
            return collection;
        }
    }

    private static String text(String doc, String ordinal) {
        return "(SELECT 'Record ' || " + doc + " || ' part ' || " + ordinal + " || ': ' || string_agg((ARRAY['river', "
                + "'survey', 'contract', 'invoice', 'payment', 'notice', 'liability', 'warranty', 'employee', 'policy', "
                + "'server', 'database', 'index', 'search', 'answer', 'clause', 'section', 'schedule', 'annex', 'party', "
                + "'renewal', 'audit', 'insurance', 'delivery', 'dispute', 'arbitration', 'otter', 'heron', 'badger', "
                + "'kestrel', 'meadow', 'harbour', 'ledger', 'tariff', 'quota', 'permit', 'licence', 'tenant', 'lease', "
                + "'boiler'])[1 + ((" + doc + " * 31 + " + ordinal + " * 17 + k * k * 13) % 40)], ' ') "
                + "FROM generate_series(1, 110) k)";
    }

    /** Documents of 10 chunks committed at a fixed rate, each with its change, as an ingesting instance does. */
    private static int ingest(String url, String user, String password, IndexChangeLog log, long collection, int rate,
            int seconds) throws Exception {
        int n = 0;
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                long due = start + n * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long doc;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO documents(collection_id, name, content_type, "
                        + "size_bytes, sha256, status, chunk_count) VALUES (?, ?, 'text/plain', 8000, lpad(md5(?), 64, '0'), "
                        + "'READY', 10) RETURNING id")) {
                    ps.setLong(1, collection);
                    ps.setString(2, "live-" + n + ".txt");
                    ps.setString(3, "live-" + n);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        doc = rs.getLong(1);
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO chunks(document_id, collection_id, ordinal, text, start_offset, end_offset) "
                            + "SELECT " + doc + ", " + collection + ", o, " + text(Long.toString(doc), "o")
                            + ", 0, 800 FROM generate_series(0, 9) o");
                }
                log.record(c, doc);
                c.commit();
                n++;
            }
        }
        return n;
    }

    private static double watermarkMicros(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM index_changes")) {
            for (int i = 0; i < 500; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            int rounds = 2_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            return (System.nanoTime() - t0) / 1000.0 / rounds;
        }
    }

    /** The follower check's data when the instance is ready, else null. */
    private static JsonNode ready(HttpClient http, PackagedServer server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return null;
        }
        for (JsonNode check : JSON.readTree(r.body()).get("checks")) {
            if ("lucene-follower".equals(check.get("name").asText())) {
                return check.get("data");
            }
        }
        return null;
    }

    private static long lagOf(HttpClient http, PackagedServer server) throws Exception {
        JsonNode data = ready(http, server);
        return data == null ? Long.MAX_VALUE : data.get("lag").asLong();
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElseThrow();
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
