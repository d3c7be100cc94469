package io.docqa.ingest.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.cluster.Instance;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkRepository.NewChunk;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.corpus.IndexChangeLog;
import io.docqa.corpus.IndexFollowers;
import io.docqa.testing.Api;
import io.docqa.testing.RandomVectors;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * This instance's Lucene index follows changes that another instance commits straight into PostgreSQL: without any
 * write, search or restart here. The "other instance" is a transaction written through the repositories, as an
 * instance's ingest pipeline writes it.
 */
@QuarkusTest
@TestProfile(IndexFollowerTest.Following.class)
class IndexFollowerTest {

    public static class Following implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.ingest.index.commit-delay", "PT8S",
                    "docqa.ingest.index.max-ready-lag", "0",
                    "docqa.ingest.index.poll-interval", "PT0.5S",
                    "docqa.ingest.index.heartbeat", "PT0.5S",
                    "docqa.ingest.index.compaction-interval", "PT1H",
                    "docqa.ingest.index.forget-after", "PT1H");
        }
    }

    @Inject
    DocumentRepository documents;
    @Inject
    ChunkRepository chunks;
    @Inject
    IndexChangeLog changeLog;
    @Inject
    IndexFollowers followers;
    @Inject
    IndexFollower follower;
    @Inject
    LuceneChunkWriter writer;
    @Inject
    Instance instance;
    @Inject
    AgroalDataSource dataSource;

    private final Random random = new Random(15);

    @Test
    void a_document_made_ready_by_another_instance_is_applied_without_any_local_write() throws Exception {
        await("bootstrapped", () -> !follower.status().bootstrapping());
        long collection = Api.createCollection("Followed elsewhere");
        long doc = storeReadyElsewhere(collection, "otter.txt", "The river otter colony near the weir has 14 pups.");
        long seq = changeLog.lastSeq();

        await("the follower applied the change", () -> follower.status().applied() >= seq);
        assertEquals(1, writer.countDocument(doc), "the chunk is in this instance's index, no search asked for it");
        await("the followers table shows this instance's position",
                () -> followers.list().stream().anyMatch(f -> f.instanceId().equals(instance.id()) && f.appliedSeq() >= seq));

        List<Object> found = bm25("otter colony pups", collection).getList("results.documentId");
        assertEquals(List.of((int) doc), found);
    }

    @Test
    void readiness_reports_the_lag_and_is_down_until_the_change_is_applied() throws Exception {
        await("bootstrapped", () -> !follower.status().bootstrapping());
        long collection = Api.createCollection("Readiness lag");
        await("caught up", () -> follower.status().lag() == 0);
        given().get("/q/health/ready").then().statusCode(200);

        storeReadyElsewhere(collection, "heron.txt", "Grey herons nest in the alder trees by the old mill.");
        // the follower gathers changes for the eight-second commit delay; with max-ready-lag 0 it is not ready meanwhile
        JsonPath down = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        Map<String, Object> check = down.getMap("checks.find { it.name == 'lucene-follower' }");
        assertEquals("DOWN", check.get("status"));
        Map<?, ?> data = (Map<?, ?>) check.get("data");
        assertEquals(1, ((Number) data.get("lag")).intValue(), data.toString());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("docqa_index_lag") && l.endsWith(" 1.0")), metrics);

        await("ready again once applied", () -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void compaction_deletes_the_changes_every_live_instance_applied_and_keeps_the_rest() throws Exception {
        long collection = Api.createCollection("Compaction");
        for (int i = 0; i < 4; i++) {
            storeReadyElsewhere(collection, "note-" + i + ".txt", "Compaction note number " + i);
        }
        long head = changeLog.lastSeq();
        await("applied", () -> follower.status().applied() >= head && followers.list().stream()
                .anyMatch(f -> f.instanceId().equals(instance.id()) && f.appliedSeq() >= head));
        followers.report("slow-instance", "web", head - 2);   // a live instance two changes behind
        followers.report("gone-instance", "all", 1);          // an instance that stopped long ago
        Sql.run(dataSource, "UPDATE index_followers SET heartbeat = now() - interval '2 hours' WHERE instance_id = 'gone-instance'");

        IndexChangeLog.Compaction done = changeLog.compact(Duration.ofHours(1));

        assertTrue(done.ran());
        assertEquals(1, done.forgotten(), "the silent instance is forgotten");
        assertFalse(followers.list().stream().anyMatch(f -> f.instanceId().equals("gone-instance")));
        assertEquals(head - 3, done.horizon(), "everything below the slowest live position is gone");
        assertEquals(List.of(head - 2, head - 1, head), changeLog.after(0, 100).stream().map(IndexChangeLog.Change::seq).toList(),
                "the slow instance still finds the changes it has not applied");
        Sql.run(dataSource, "DELETE FROM index_followers WHERE instance_id = 'slow-instance'");
    }

    @Test
    void an_index_behind_the_compacted_log_is_rebuilt_instead_of_serving_what_it_has() throws Exception {
        await("bootstrapped", () -> !follower.status().bootstrapping());
        long collection = Api.createCollection("Missed while away");
        long doc;
        // Another instance makes a document READY, and the log is compacted past it before this instance applies it
        // (as if this instance had been forgotten): only a rebuild can bring the document in.
        Document d = documents.insert(collection, "badger.txt", "text/plain", 1, "badger-sha", DocumentStatus.PROCESSING,
                null, null, null);
        doc = d.id();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            chunks.replaceChunks(c, doc, collection, List.of(chunk("Badgers dig their setts under the beech hedge.")));
            documents.markReady(c, doc, "text/plain", null, 1, "Badgers");
            changeLog.record(c, doc, collection * 1_000_000); // and a later change of a document that is gone
            try (var st = c.createStatement()) {
                st.execute("DELETE FROM index_changes WHERE document_id = " + doc);
                st.execute("UPDATE index_changes_horizon SET seq = (SELECT max(seq) - 1 FROM index_changes)");
            }
            c.commit();
        }
        await("rebuilt", () -> countQuietly(doc) == 1);
        assertEquals(List.of((int) doc), bm25("badgers beech hedge", collection).getList("results.documentId"));
    }

    private long storeReadyElsewhere(long collection, String name, String text) throws Exception {
        Document d = documents.insert(collection, name, "text/plain", text.length(), name + "-sha",
                DocumentStatus.PROCESSING, null, null, null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            chunks.replaceChunks(c, d.id(), collection, List.of(chunk(text)));
            documents.markReady(c, d.id(), "text/plain", null, 1, text);
            changeLog.record(c, d.id());
            c.commit();
        }
        return d.id();
    }

    private NewChunk chunk(String text) {
        return new NewChunk(0, text, null, null, null, 0, text.length(), RandomVectors.unit(random));
    }

    private int countQuietly(long doc) {
        try {
            return writer.countDocument(doc);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static JsonPath bm25(String query, long collection) {
        return Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", query, "collections", List.of(collection), "limit", 5, "retriever", "bm25"))
                .post("/api/search").then().statusCode(200).extract().jsonPath();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
