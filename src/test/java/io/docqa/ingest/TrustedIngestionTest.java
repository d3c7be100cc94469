package io.docqa.ingest;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over real HTTP with real Tika, PostgreSQL, Lucene and ONNX embeddings: documents that are usable but incomplete
 * end READY with warnings; a collection's pipeline is changed and its documents re-processed as one batch;
 * searches can pull in definitions and cited clauses.
 */
@QuarkusTest
class TrustedIngestionTest {

    private static final String PASSWORD = "a-long-enough-password-1";

    @Test
    void a_zip_and_an_email_with_an_unreadable_part_end_ready_with_a_warning_naming_it() {
        long collection = Api.createCollection("warnings-" + System.nanoTime());
        List<Integer> ids = Api.upload(collection, "formats/partly-corrupt.zip", "formats/corrupt-attachment.eml")
                .then().statusCode(202).extract().jsonPath().getList("documents.id");
        for (int id : ids) {
            Map<String, Object> doc = Api.awaitFinal(id);
            assertEquals("READY", doc.get("status"), doc.toString());
            @SuppressWarnings("unchecked")
            List<String> warnings = (List<String>) doc.get("warnings");
            assertEquals(1, warnings.size(), doc.toString());
            assertTrue(warnings.get(0).contains("statement.pdf") && warnings.get(0).contains("skipped"), warnings.toString());
        }
        JsonPath list = asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, list.getList("findAll { it.warnings.size() == 1 }").size(), list.prettify());

        // the readable member is searchable, and its Markdown headings are headings
        JsonPath hits = Api.search("fire extinguishers inspected", List.of(collection), 1).then().statusCode(200)
                .extract().jsonPath();
        assertTrue(hits.getString("results[0].text").contains("every ninety days"), hits.prettify());
        assertTrue(hits.getString("results[0].headingPath").contains("Fire Safety"), hits.prettify());
        assertTrue(!hits.getString("results[0].headingPath").contains("#"), hits.prettify());
    }

    @Test
    void a_document_read_completely_has_no_warnings() {
        long collection = Api.createCollection("no-warnings-" + System.nanoTime());
        int id = Api.upload(collection, "formats/bundle.zip").then().statusCode(202).extract().jsonPath()
                .getInt("documents[0].id");
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("READY", doc.get("status"));
        assertEquals(List.of(), doc.get("warnings"));
    }

    @Test
    void changing_the_pipeline_reprocesses_every_document_as_one_batch_with_the_new_pipeline() {
        long collection = Api.createCollection("repipe-" + System.nanoTime());
        int oldId = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getInt("documents[0].id");
        assertEquals("READY", Api.awaitFinal(oldId).get("status"));
        assertEquals(0, glossary(oldId).getList("terms").size(), "the default pipeline extracts no glossary");

        // an unknown pipeline is refused, naming the choices; nothing changes
        String refusal = asAdmin().contentType(ContentType.JSON).body(Map.of("pipeline", "lawyers"))
                .patch("/api/collections/" + collection).then().statusCode(400).extract().jsonPath().getString("message");
        assertTrue(refusal.contains("lawyers") && refusal.contains("contracts") && refusal.contains("default"), refusal);
        asAdmin().contentType(ContentType.JSON).body("{}").patch("/api/collections/" + collection).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("pipeline", "contracts"))
                .patch("/api/collections/" + collection).then().statusCode(401);
        createUser("repipe-reader-" + collection, "READER");
        given().auth().preemptive().basic("repipe-reader-" + collection, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("pipeline", "contracts")).patch("/api/collections/" + collection).then().statusCode(403);
        assertEquals("default", asAdmin().get("/api/collections/" + collection).then().extract().path("pipeline"));

        JsonPath changed = asAdmin().contentType(ContentType.JSON).body(Map.of("pipeline", "contracts"))
                .patch("/api/collections/" + collection).then().statusCode(200).extract().jsonPath();
        assertEquals("contracts", changed.getString("pipeline"));
        assertEquals(1, changed.getInt("reprocessing"));
        String batchId = changed.getString("batchId");
        assertNotNull(batchId);
        assertEquals("contracts", asAdmin().get("/api/collections/" + collection).then().extract().path("pipeline"));

        JsonPath batch = awaitBatch(batchId);
        assertEquals(1, batch.getInt("total"));
        assertEquals(1, batch.getInt("ready"), batch.prettify());

        JsonPath docs = asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, docs.getList("").size(), "the new version replaced the old one: " + docs.prettify());
        int newId = docs.getInt("[0].id");
        assertNotEquals(oldId, newId);
        JsonPath detail = asAdmin().get("/api/documents/" + newId).then().statusCode(200).extract().jsonPath();
        assertEquals(oldId, detail.getInt("replacesId"));
        assertEquals(2, detail.getInt("version"));
        asAdmin().get("/api/documents/" + oldId).then().statusCode(404);
        assertTrue(glossary(newId).getList("terms.term").contains("Confidential Information"),
                "the contracts pipeline extracted the glossary: " + glossary(newId).prettify());
        JsonPath hits = Api.search("support hours helpdesk", List.of(collection), 1).then().extract().jsonPath();
        assertTrue(hits.getString("results[0].headingPath").contains("4.1 Support hours"),
                "clause chunking applies: " + hits.prettify());

        // the same pipeline again changes nothing and queues nothing
        JsonPath same = asAdmin().contentType(ContentType.JSON).body(Map.of("pipeline", "contracts"))
                .patch("/api/collections/" + collection).then().statusCode(200).extract().jsonPath();
        assertEquals(0, same.getInt("reprocessing"));
        assertEquals(null, same.getString("batchId"));
    }

    @Test
    void search_with_expand_adds_the_definition_of_a_used_term_and_the_cited_schedule() {
        long collection = contractsCollectionWithLicence();

        JsonPath plain = Api.search("Non-disclosure to a third party", List.of(collection), 1).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, plain.getList("results").size());
        assertTrue(plain.getString("results[0].headingPath").contains("3.1 Non-disclosure"), plain.prettify());
        assertEquals(null, plain.getString("results[0].addedFor"));

        JsonPath expanded = search("Non-disclosure to a third party", collection, 1);
        assertTrue(expanded.getString("results[0].headingPath").contains("3.1 Non-disclosure"), expanded.prettify());
        List<Map<String, Object>> added = expanded.getList("results.findAll { it.addedFor != null }");
        Map<String, Object> definition = added.stream()
                .filter(r -> "definition of \"Confidential Information\"".equals(r.get("addedFor"))).findFirst()
                .orElseThrow(() -> new AssertionError("no definition added: " + expanded.prettify()));
        assertTrue(((String) definition.get("text")).contains("non-public technical and business information"),
                definition.toString());
        assertTrue(added.size() <= 4, "bounded: " + added);

        JsonPath support = search("Support hours helpdesk assistance", collection, 1);
        assertTrue(support.getString("results[0].headingPath").contains("4.1 Support hours"), support.prettify());
        Map<String, Object> schedule = support.<Map<String, Object>>getList("results").stream()
                .filter(r -> r.get("addedFor") != null && ((String) r.get("addedFor")).contains("Schedule 2"))
                .findFirst().orElseThrow(() -> new AssertionError("no schedule added: " + support.prettify()));
        assertTrue(((String) schedule.get("text")).contains("Priority one incidents are answered within two hours"),
                schedule.toString());
    }

    @Test
    void expansion_never_adds_passages_from_collections_outside_the_search() {
        long collection = contractsCollectionWithLicence();
        long other = Api.createCollection("expand-other-" + System.nanoTime());
        JsonPath expanded = search("Non-disclosure to a third party", other, 5);
        assertTrue(expanded.getList("results").isEmpty(), expanded.prettify());
        assertTrue(collection != other);
    }

    private static long contractsCollectionWithLicence() {
        long collection = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "expand-" + System.nanoTime(), "pipeline", "contracts"))
                .post("/api/collections").then().statusCode(201).extract().jsonPath().getLong("id");
        int id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getInt("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        return collection;
    }

    private static JsonPath search(String query, long collection, int limit) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", query, "collections", List.of(collection), "limit", limit, "expand", true))
                .post("/api/search").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath glossary(long documentId) {
        return asAdmin().get("/api/documents/" + documentId + "/glossary").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitBatch(String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath batch = asAdmin().get("/api/batches/" + batchId).then().statusCode(200).extract().jsonPath();
            if (batch.getBoolean("finished")) {
                return batch;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Batch " + batchId + " did not finish within 180 s");
    }

    private static void createUser(String name, String role) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD, "role", role))
                .post("/api/users").then().statusCode(201);
    }
}
