package io.docqa.ingest.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docqa.cli.ApiClient;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three packaged instances over one PostgreSQL, each with its own data directory: A (role all) ingests, B (role web)
 * and C (role all, started later with an empty directory) never write, yet find by BM25 what A made READY; C
 * bootstraps on its own, follows deletions, and after it was away while the change log was compacted it rebuilds
 * instead of serving an incomplete index.
 */
class IndexFollowerIT {

    private static final String[] ANIMALS = {"otter", "badger", "heron", "kestrel", "marten", "vole", "newt",
        "plover", "stoat", "wren", "curlew", "dormouse", "lapwing", "osprey", "pipistrelle", "shrew", "teal",
        "weasel", "yellowhammer", "zander"};
    private static final List<String> QUERIES = List.of("river survey", "nesting season count", "otter", "wren heron",
            "population estimate");

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final List<PackagedServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Map<String, String> common;
    private Path work;

    @BeforeEach
    void setUp() throws Exception {
        common = new HashMap<>(database.start());
        common.remove("docqa.corpus.data-dir");
        common.put("docqa.ingest.index.commit-delay", "PT0.2S");
        common.put("docqa.ingest.index.poll-interval", "PT0.5S");
        common.put("docqa.ingest.index.heartbeat", "PT0.5S");
        common.put("docqa.ingest.index.compaction-interval", "PT0.5S");
        common.put("docqa.ingest.index.forget-after", "PT5S");
        common.put("docqa.ingest.index.max-ready-lag", "0");
        // the limit holds per user across instances: the queries compared on B and C would share one bucket
        common.put("docqa.security.rate-limit.exempt-users", "admin");
        work = Files.createTempDirectory("docqa-followers");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PackagedServer s : servers) {
            s.stop();
        }
        database.stop();
    }

    @Test
    void instances_that_never_write_find_what_another_made_ready_and_a_returning_instance_rebuilds() throws Exception {
        PackagedServer a = server("a", Map.of());
        PackagedServer b = server("b", Map.of("docqa.cluster.role", "web"));
        start(a); // first alone: the first start of a database creates the admin account
        start(b);
        ApiClient apiA = a.client();
        ApiClient apiB = b.client();

        long collection = apiA.post("/api/collections", Map.of("name", "Field notes")).get("id").asLong();
        List<Long> ids = upload(apiA, collection, 0, ANIMALS.length);
        for (int i = 0; i < ids.size(); i++) {
            List<Long> found = documentIds(bm25(apiB, collection, ANIMALS[i]));
            assertEquals(List.of(ids.get(i)), found, "B finds " + ANIMALS[i] + " without any write of its own");
        }

        PackagedServer c = server("c", Map.of());
        start(c);
        awaitReady(c);
        ApiClient apiC = c.client();
        for (String q : QUERIES) {
            assertEquals(hits(bm25(apiB, collection, q)), hits(bm25(apiC, collection, q)), "same results on B and C: " + q);
        }

        long otter = ids.get(0);
        delete(a, otter);
        assertEquals(List.of(), documentIds(bm25(apiC, collection, "otter")), "the deletion reaches C");
        assertEquals(List.of(), documentIds(bm25(apiB, collection, "otter")), "and B");

        c.stop();
        long cApplied = scalar("SELECT max(seq) FROM index_changes");
        List<Long> later = upload(apiA, collection, 100, 3); // C is away while these commit
        awaitTrue("C is forgotten and the log compacted past its position",
                () -> scalar("SELECT seq FROM index_changes_horizon") > cApplied);
        assertTrue(scalar("SELECT count(*) FROM index_changes") < ANIMALS.length, "the change log shrank");

        start(c);
        awaitReady(c);
        assertTrue(Files.readString(work.resolve("c.log")).contains("compacted past its position"),
                "C rebuilt its index rather than applying what is left of the log");
        for (int i = 0; i < later.size(); i++) {
            assertEquals(List.of(later.get(i)), documentIds(bm25(apiC, collection, "specimen" + (100 + i))),
                    "C has the documents committed while it was away");
        }
        for (String q : QUERIES) {
            assertEquals(hits(bm25(apiB, collection, q)), hits(bm25(apiC, collection, q)), "same results on B and C: " + q);
        }
    }

    private PackagedServer server(String name, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(common);
        settings.put("docqa.corpus.data-dir", work.resolve(name).toString());
        settings.put("docqa.cluster.instance-id", name);
        settings.putAll(extra);
        PackagedServer s = new PackagedServer(settings, work.resolve(name + ".log"));
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

    private List<Long> upload(ApiClient api, long collection, int first, int count) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String animal = ANIMALS[i % ANIMALS.length];
            Path f = work.resolve("note-" + i + ".md");
            Files.writeString(f, "# Field note " + i + "\n\nRiver survey: the " + animal + " population estimate for "
                    + "specimen" + i + " during the nesting season count was " + (10 + i) + ".\n");
            files.add(f);
        }
        JsonNode upload = api.upload("/api/collections/" + collection + "/documents", files);
        List<Long> ids = new ArrayList<>();
        upload.get("documents").forEach(d -> ids.add(d.get("id").asLong()));
        for (long id : ids) {
            awaitTrue("document " + id + " READY", Duration.ofMinutes(4),
                    () -> "READY".equals(api.get("/api/documents/" + id).get("status").asText()));
        }
        return ids;
    }

    /** DELETE with an empty body (the CLI client's bodiless DELETE is refused by the request-size filter). */
    private void delete(PackagedServer s, long documentId) throws Exception {
        String auth = java.util.Base64.getEncoder().encodeToString(
                (io.docqa.testing.Api.ADMIN + ":" + io.docqa.testing.Api.ADMIN_PASSWORD).getBytes());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/documents/" + documentId))
                .header("Authorization", "Basic " + auth).method("DELETE", HttpRequest.BodyPublishers.ofString("x"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
    }

    private static JsonNode bm25(ApiClient api, long collection, String query) throws Exception {
        return api.post("/api/search", Map.of("query", query, "collections", List.of(collection), "limit", 10,
                "retriever", "bm25"));
    }

    private static List<Long> documentIds(JsonNode search) {
        List<Long> out = new ArrayList<>();
        search.get("results").forEach(r -> out.add(r.get("documentId").asLong()));
        return out;
    }

    private static List<String> hits(JsonNode search) {
        List<String> out = new ArrayList<>();
        search.get("results").forEach(r -> out.add(r.get("documentId").asLong() + "/" + r.get("chunkId").asLong()));
        return out;
    }

    private void awaitReady(PackagedServer s) throws Exception {
        awaitTrue("ready", () -> http.send(HttpRequest.newBuilder(URI.create(s.url() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private long scalar(String sql) throws Exception {
        return database.scalar(sql);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        awaitTrue(what, Duration.ofSeconds(90), check);
    }

    private static void awaitTrue(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }
}
