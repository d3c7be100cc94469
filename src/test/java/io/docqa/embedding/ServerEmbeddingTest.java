package io.docqa.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;
import io.docqa.embedding.Reembedding.Outcome;
import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedOpenAiServer.EmbeddingFault;
import io.docqa.testing.ScriptedOpenAiServer.EmbeddingRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Embeddings from an OpenAI-compatible server over real HTTP ({@link ScriptedOpenAiServer}: deterministic hashing
 * vectors, scripted failures): ingestion and search, batching and the concurrency limit, retries, rejected input,
 * wrong dimensions, a model change refused, and a re-embedding into another model (halfvec storage) that is
 * interrupted, resumed by another worker and switched while searches keep working.
 */
@QuarkusTest
@TestProfile(ServerEmbeddingTest.WithEmbeddingServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerEmbeddingTest {

    static final ScriptedOpenAiServer SERVER = ScriptedOpenAiServer.startOrFail();

    public static class WithEmbeddingServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ServerResource.class));
        }
    }

    public static class ServerResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.ofEntries(Map.entry("docqa.embedding.provider", "openai"),
                    Map.entry("docqa.embedding.base-url", SERVER.baseUrl()),
                    Map.entry("docqa.embedding.api-key", "test-key"),
                    Map.entry("docqa.embedding.model", "hash-a"),
                    Map.entry("docqa.embedding.server-batch-size", "4"),
                    Map.entry("docqa.embedding.server-max-concurrent-requests", "2"),
                    Map.entry("docqa.embedding.server-max-retries", "2"),
                    Map.entry("docqa.embedding.server-timeout", "2s"),
                    Map.entry("docqa.embedding.cache", "false"),
                    Map.entry("docqa.embedding.reembed-poll", "off"),
                    Map.entry("docqa.embedding.reembed-batch-size", "3"),
                    Map.entry("docqa.embedding.retired-grace", "0s"));
        }

        @Override
        public void stop() {
            // the server lives as long as the test JVM
        }
    }

    @Inject
    EmbeddingGenerations generations;

    @Inject
    Reembedding reembedding;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void resetServer() {
        SERVER.reset();
    }

    @Test
    @Order(1)
    void documents_and_searches_are_embedded_by_the_server_in_batches_with_at_most_two_requests_at_once() {
        long collection = Api.createCollection("server embeddings");
        SERVER.embeddingLatency(Duration.ofMillis(150));
        long glacier = upload(collection, "glacier.txt", text("glacier fjord ice meltwater moraine", 8));
        assertEquals("READY", Api.awaitFinal(glacier).get("status"));
        long volcano = upload(collection, "volcano.txt", text("volcano lava magma eruption crater", 2));
        assertEquals("READY", Api.awaitFinal(volcano).get("status"));

        List<EmbeddingRequest> requests = SERVER.embeddingRequests();
        assertTrue(requests.stream().allMatch(r -> r.model().equals("hash-a") && r.inputs().size() <= 4),
                "every request names the model and carries at most docqa.embedding.server-batch-size texts: " + requests);
        assertTrue(requests.stream().anyMatch(r -> r.inputs().size() == 4), "texts are sent together");
        assertEquals(2, SERVER.maxEmbeddingRequestsInFlight(), "batches go in parallel, two at most");

        SERVER.reset();
        assertEquals("volcano.txt", topHit("lava magma crater", collection));
        assertEquals("glacier.txt", topHit("fjord moraine meltwater", collection));
        assertTrue(SERVER.embeddingRequests().stream().anyMatch(r -> r.inputs().equals(List.of("lava magma crater"))),
                "the query is embedded by the same server");
    }

    @Test
    @Order(2)
    void a_server_error_is_retried_and_the_document_becomes_ready() {
        long collection = Api.createCollection("server error");
        SERVER.enqueueEmbeddingFault(EmbeddingFault.status(500, "{\"error\":{\"message\":\"overloaded\"}}"));
        long id = upload(collection, "retried.txt", text("retry backoff server overloaded", 1));
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        assertEquals(2, SERVER.embeddingRequests().size(), "the failed request and its retry");
    }

    @Test
    @Order(3)
    void a_server_that_answers_after_the_timeout_is_asked_again() {
        long collection = Api.createCollection("server timeout");
        SERVER.enqueueEmbeddingFault(EmbeddingFault.delay(Duration.ofSeconds(3)));
        long id = upload(collection, "slow.txt", text("timeout patience slow answer", 1));
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        assertTrue(SERVER.embeddingRequests().size() >= 2, "asked again after the 2 s timeout");
    }

    @Test
    @Order(4)
    void text_the_server_rejects_fails_the_document_with_the_servers_reason() {
        long collection = Api.createCollection("server rejects");
        SERVER.enqueueEmbeddingFault(EmbeddingFault.status(400, "{\"error\":{\"message\":\"This model's maximum context "
                + "length is 512 tokens\",\"type\":\"invalid_request_error\"}}"));
        long id = upload(collection, "rejected.txt", text("rejected input context length", 1));
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("FAILED", doc.get("status"));
        assertEquals("EMBEDDING_REJECTED", doc.get("errorCode"));
        assertTrue(((String) doc.get("error")).contains("rejected") && ((String) doc.get("error")).contains("maximum context length"),
                "the server's reason reaches the user: " + doc.get("error"));
        assertEquals(1, SERVER.embeddingRequests().size(), "a rejection is not retried");
    }

    @Test
    @Order(5)
    void vectors_of_the_wrong_dimension_fail_the_document_clearly() {
        long collection = Api.createCollection("wrong dimensions");
        SERVER.enqueueEmbeddingFault(EmbeddingFault.dimensions(7));
        long id = upload(collection, "seven.txt", text("seven dimensions wrong size", 1));
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("FAILED", doc.get("status"));
        assertEquals("EMBEDDING_DIMENSIONS", doc.get("errorCode"));
        assertTrue(((String) doc.get("error")).contains("7 dimensions"), String.valueOf(doc.get("error")));
    }

    @Test
    @Order(6)
    void starting_with_another_model_on_a_corpus_with_vectors_is_refused_naming_the_settings() {
        long collection = Api.createCollection("model change");
        assertEquals("READY", Api.awaitFinal(upload(collection, "kept.txt", text("kept vectors stay", 1))).get("status"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> generations.prepare(Provider.OPENAI,
                "hash-z", 64, Storage.VECTOR, SERVER.baseUrl(), false, () -> 64));
        assertTrue(e.getMessage().contains("hash-a") && e.getMessage().contains("hash-z")
                && e.getMessage().contains("DOCQA_EMBEDDING_REEMBED=true"), e.getMessage());
        assertEquals("hash-a", generations.activeFresh().identity().model(), "nothing changed");
        assertTrue(generations.building().isEmpty());
    }

    @Test
    @Order(7)
    void a_reembedding_resumed_after_an_interruption_switches_to_the_new_model_while_searches_keep_working()
            throws Exception {
        long collection = Api.createCollection("re-embedding");
        assertEquals("READY", Api.awaitFinal(upload(collection, "glacier.txt", text("glacier fjord ice meltwater moraine", 3))).get("status"));
        assertEquals("READY", Api.awaitFinal(upload(collection, "volcano.txt", text("volcano lava magma eruption crater", 3))).get("status"));
        Generation old = generations.activeFresh();
        generations.startBuilding(new EmbeddingIdentity(Provider.OPENAI, "hash-b", 48, Storage.HALFVEC), SERVER.baseUrl(),
                "test");

        assertEquals(Outcome.PAUSED, reembedding.run("worker-1", 1), "the first worker stops after one batch");
        assertEquals(3, reembedding.status().embedded());

        SERVER.reset();
        assertEquals("volcano.txt", topHit("lava magma crater", collection), "searches use the old vectors meanwhile");
        assertEquals(List.of("hash-a"), models(), "and the old model for the query");
        long basalt = upload(collection, "basalt.txt", text("basalt columns cooling hexagonal", 2));
        assertEquals("READY", Api.awaitFinal(basalt).get("status"), "ingestion goes on during the re-embedding");

        sql("UPDATE embedding_generations SET owner = 'worker-1', lease_until = now() + interval '1 hour' WHERE state = 'BUILDING'");
        assertEquals(Outcome.HELD_ELSEWHERE, reembedding.run("worker-2", Integer.MAX_VALUE), "worker-1 still holds it");
        sql("UPDATE embedding_generations SET lease_until = now() - interval '1 second' WHERE state = 'BUILDING'");
        long chunks = reembedding.status().chunks();
        SERVER.reset();
        assertEquals(Outcome.SWITCHED, reembedding.run("worker-2", Integer.MAX_VALUE), "worker-1's lease ran out");
        assertEquals(chunks - 3, SERVER.embeddingRequests().stream().mapToInt(r -> r.inputs().size()).sum(),
                "resumed where worker-1 stopped: only the chunks without a new vector were embedded");

        JsonPath status = Api.asAdmin().get("/api/admin/reembed").then().statusCode(200).extract().jsonPath();
        assertEquals("hash-b", status.getString("active.model"));
        assertEquals("halfvec", status.getString("active.storage"));
        assertEquals(48, status.getInt("active.dimensions"));
        assertNull(status.get("building"));

        SERVER.reset();
        assertEquals("basalt.txt", topHit("basalt hexagonal columns", collection), "the document ingested meanwhile was re-embedded");
        assertEquals("glacier.txt", topHit("fjord moraine meltwater", collection));
        assertEquals(List.of("hash-b"), models(), "queries go to the new model");
        assertTrue(SERVER.embeddingRequests().stream().allMatch(r -> Integer.valueOf(48).equals(r.dimensions())));

        reembedding.deleteRetired();
        assertEquals(0, count("SELECT count(*) FROM chunk_vectors WHERE generation_id = " + old.id()), "old vectors deleted");
        assertEquals(0, count("SELECT count(*) FROM pg_class WHERE relname LIKE '" + old.indexNamePattern() + "'"),
                "and their indexes");
    }

    @Test
    @Order(8)
    void an_administrator_starts_a_reembedding_with_the_configured_model_once() {
        Api.asAdmin().contentType(ContentType.JSON).post("/api/admin/reembed").then().statusCode(202);
        JsonPath status = Api.asAdmin().get("/api/admin/reembed").then().statusCode(200).extract().jsonPath();
        assertEquals("hash-a", status.getString("building.model"), "the configured model");
        assertEquals(64, status.getInt("building.dimensions"));
        assertEquals("admin", status.getString("building.requestedBy"));
        Api.asAdmin().contentType(ContentType.JSON).post("/api/admin/reembed").then().statusCode(409);
        assertEquals(Outcome.SWITCHED, reembedding.run("worker-3", Integer.MAX_VALUE));
        assertEquals("hash-a", generations.activeFresh().identity().model());
    }

    private List<String> models() {
        return SERVER.embeddingRequests().stream().map(EmbeddingRequest::model).distinct().toList();
    }

    private static long upload(long collection, String name, String text) {
        return Api.asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
    }

    private static String topHit(String query, long collection) {
        return Api.asAdmin().contentType(ContentType.JSON).body(Map.of("query", query, "collections", List.of(collection),
                "limit", 3, "retriever", "vector")).post("/api/search").then().statusCode(200).extract().jsonPath()
                .getString("results[0].documentName");
    }

    /** {@code paragraphs} paragraphs of about 600 characters around the topic words (about one chunk each). */
    private static String text(String topic, int paragraphs) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            for (int s = 0; s < 12; s++) {
                sb.append("Note ").append(p).append('.').append(s).append(" on the ").append(topic).append(". ");
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
