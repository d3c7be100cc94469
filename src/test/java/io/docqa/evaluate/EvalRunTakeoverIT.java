package io.docqa.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docqa.cli.ApiClient;
import io.docqa.testing.GeneratedTexts;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import io.docqa.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation runs are queued work shared by the instances: three packaged app processes over one database and one
 * object store — W (role web) and A and B (role all). A run posted to W waits in the queue and is taken by A or B;
 * kill -9 the one running it, and the other runs it again from the start once the lease runs out and finishes it
 * with complete results, the same as a clean run of the same request. W never runs it. The instances also keep their
 * LISTEN and lock sessions on the direct connection ({@code docqa.cluster.direct-jdbc-url}).
 */
class EvalRunTakeoverIT {

    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final List<String> RETRIEVERS = List.of("bm25", "vector", "hybrid");
    private static final String DIRECT = "docqa-direct-session";
    private static final String[] WORDS = ("contract invoice payment warranty employee vacation database citation "
            + "schedule delivery dispute renewal auditor policy partner service harbour orchard glacier violin")
            .split(" ");
    /** One rare word per document, so that each query has exactly one relevant document. */
    private static final String[] SUBJECTS = ("otter heron badger falcon lynx marten osprey plover curlew dormouse "
            + "kestrel lapwing merlin newt pipit quail raven shrike stoat teal vole weasel wren yellowhammer adder "
            + "bittern chough dunlin egret fulmar gannet hobby ibis jackdaw kite linnet magpie nightjar oriole puffin "
            + "redstart siskin tern twite bunting crossbill dipper eider firecrest goshawk hawfinch jay knot "
            + "lark moorhen nuthatch ouzel partridge").split(" ");
    private static final int DOCUMENTS = SUBJECTS.length;

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final S3Server s3 = new S3Server();
    private final List<PackagedServer> servers = new ArrayList<>();
    private Map<String, String> settings;
    private Path work;

    @BeforeEach
    void setUp() throws Exception {
        settings = new HashMap<>(database.start());
        settings.remove("docqa.corpus.data-dir"); // one per instance
        s3.startServer();
        settings.putAll(s3.settings());
        settings.put("docqa.ingest.jobs.lease", LEASE.toString());
        settings.put("docqa.ingest.jobs.reaper-interval", "PT1S");
        settings.put("docqa.ingest.jobs.initial-backoff", "PT0.2S");
        settings.put("docqa.ingest.workers", "2");
        settings.put("docqa.security.rate-limit.exempt-users", "admin");
        String url = settings.get("quarkus.datasource.jdbc.url");
        settings.put("docqa.cluster.direct-jdbc-url", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + DIRECT);
        work = Files.createTempDirectory("docqa-eval-takeover");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PackagedServer s : servers) {
            s.stop();
        }
        database.stop();
        s3.close();
    }

    @Test
    void a_run_whose_instance_was_killed_is_finished_by_another_with_the_results_of_a_clean_run() throws Exception {
        PackagedServer a = server("eval-a", "all");
        PackagedServer b = server("eval-b", "all");
        PackagedServer w = server("eval-w", "web");
        a.start(); // alone first: the first start migrates the schema and creates the administrator
        CompletableFuture<Void> startB = CompletableFuture.runAsync(() -> start(b));
        start(w);
        startB.join();

        Path dataset = writeBeirDataset();
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("dataset", dataset.toString());
        request.putPOJO("retrievers", RETRIEVERS);
        request.put("collection", "takeover");
        ApiClient viaW = w.client();
        JsonNode posted = viaW.post("/api/eval/runs", request);
        long run = posted.get("id").asLong();
        assertEquals("QUEUED", posted.get("status").asText(), posted::toString);

        Holders holders = new Holders(run);
        Thread sampler = Thread.ofPlatform().daemon().start(holders);
        String holder = awaitRunningBeyondStart(run);
        PackagedServer killed = holder.equals("eval-a") ? a : b;
        PackagedServer survivor = killed == a ? b : a;
        String survivorId = killed == a ? "eval-b" : "eval-a";
        String progressAtKill = progress(run);
        killed.kill();
        Instant killedAt = database.now();

        JsonNode done = awaitEnd(viaW, run);
        holders.stop = true;
        sampler.join();
        assertEquals("DONE", done.get("status").asText(), done::toString);
        assertEquals(2, done.get("attempts").asInt(), "run again once, from the start: " + done);
        assertEquals(Set.of(holder, survivorId), holders.seen, "only the instances with workers ever held the run");
        JsonNode results = done.get("results");
        assertEquals(DOCUMENTS, results.get("queries").asInt());
        assertEquals(DOCUMENTS, results.at("/ingest/ready").asInt(), "every document of the dataset is READY");
        assertEquals(0, results.at("/ingest/failed").asInt());

        JsonNode clean = awaitEnd(viaW, viaW.post("/api/eval/runs", request).get("id").asLong());
        assertEquals("DONE", clean.get("status").asText(), clean::toString);
        assertEquals(1, clean.get("attempts").asInt());
        assertEquals(metrics(clean), metrics(done), "the taken-over run scores exactly like a clean run");
        assertEquals(RETRIEVERS.size(), metrics(done).size());

        long direct = database.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + DIRECT + "'");
        assertTrue(direct >= 4, "W and " + survivorId + " each LISTEN and hold their locks on the direct connection: "
                + direct + " sessions");
        long reclaimMillis = holders.secondClaim == null ? -1 : Duration.between(killedAt, holders.secondClaim).toMillis();
        System.out.printf("EvalRunTakeoverIT: killed %s at '%s'; %s ran it again %d ms after the kill (lease %s)%n",
                holder, progressAtKill, survivorId, reclaimMillis, LEASE);
    }

    /** Retriever → its quality figures (latencies differ between runs, scores must not). */
    private static Map<String, List<Double>> metrics(JsonNode run) {
        Map<String, List<Double>> out = new HashMap<>();
        for (JsonNode r : run.at("/results/retrievers")) {
            out.put(r.get("retriever").asText(), List.of(r.get("ndcg10").asDouble(), r.get("recall5").asDouble(),
                    r.get("recall10").asDouble(), r.get("recall100").asDouble(), r.get("mrr10").asDouble()));
        }
        return out;
    }

    /** A BEIR dataset: one document per subject and one query per document that names its subject. */
    private Path writeBeirDataset() throws Exception {
        Path dir = Files.createDirectories(work.resolve("beir-takeover"));
        Files.createDirectories(dir.resolve("qrels"));
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(17);
        StringBuilder corpus = new StringBuilder();
        StringBuilder queries = new StringBuilder();
        StringBuilder qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
        for (int d = 0; d < DOCUMENTS; d++) {
            String subject = SUBJECTS[d];
            String text = GeneratedTexts.text(random, WORDS, "Notes on the " + subject, "about the " + subject, 6, 5, 10);
            corpus.append(json.writeValueAsString(Map.of("_id", "d" + d, "title", "The " + subject, "text", text)))
                    .append('\n');
            queries.append(json.writeValueAsString(Map.of("_id", "q" + d, "text", "what about the " + subject)))
                    .append('\n');
            qrels.append("q").append(d).append("\td").append(d).append("\t1\n");
        }
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("queries.jsonl"), queries);
        Files.writeString(dir.resolve("qrels").resolve("test.tsv"), qrels);
        return dir;
    }

    private PackagedServer server(String id, String role) throws Exception {
        Map<String, String> own = new HashMap<>(settings);
        own.put("docqa.cluster.instance-id", id);
        own.put("docqa.cluster.role", role);
        own.put("docqa.corpus.data-dir", Files.createDirectories(work.resolve("data-" + id)).toString());
        Path log = Path.of("target/eval-takeover-it-" + id + ".log");
        Files.deleteIfExists(log);
        PackagedServer s = new PackagedServer(own, log);
        servers.add(s);
        return s;
    }

    private static void start(PackagedServer s) {
        try {
            s.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until an instance holds the run past its first step; returns the holder. */
    private String awaitRunningBeyondStart(long run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT owner, progress FROM eval_runs WHERE status = 'RUNNING' AND id = " + run)) {
                // waiting for its documents: all of them are submitted (and stored) by then
                if (rs.next() && rs.getString(2).startsWith("ingesting:")) {
                    return rs.getString(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("evaluation run " + run + " never got to waiting for its documents");
    }

    private String progress(long run) throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT progress FROM eval_runs WHERE id = " + run)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static JsonNode awaitEnd(ApiClient api, long run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = api.get("/api/eval/runs/" + run);
            if (!Set.of("QUEUED", "RUNNING").contains(r.get("status").asText())) {
                return r;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("evaluation run " + run + " did not end within 6 minutes");
    }

    /** Every instance seen holding the run, and when the second attempt was first seen. */
    private final class Holders implements Runnable {
        final Set<String> seen = new ConcurrentSkipListSet<>();
        final long run;
        volatile Instant secondClaim;
        volatile boolean stop;

        Holders(long run) {
            this.run = run;
        }

        @Override
        public void run() {
            try (Connection c = database.connect(); Statement st = c.createStatement()) {
                while (!stop) {
                    try (ResultSet rs = st.executeQuery("SELECT owner, attempts, now() FROM eval_runs "
                            + "WHERE status = 'RUNNING' AND id = " + run)) {
                        if (rs.next()) {
                            seen.add(rs.getString(1));
                            if (rs.getInt(2) == 2 && secondClaim == null) {
                                secondClaim = rs.getTimestamp(3).toInstant();
                            }
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
