package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.ChunkRepository;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vertical slice through the REST API, on the real PostgreSQL+pgvector, Lucene, Tika and ONNX model. */
@QuarkusTest
class DocumentLifecycleTest {

    @Inject
    ChunkRepository chunks;

    @Inject
    LuceneChunkWriter lucene;

    @Test
    void uploaded_pdf_and_docx_become_ready_and_answers_cite_the_right_document_and_page() throws Exception {
        long collection = Api.createCollection("Contracts and policies");
        JsonPath upload = Api.upload(collection, "service-agreement.pdf", "employee-handbook.docx")
                .then().statusCode(202).extract().jsonPath();
        assertEquals(List.of("service-agreement.pdf", "employee-handbook.docx"), upload.getList("documents.name"));
        assertEquals(List.of("QUEUED", "QUEUED"), upload.getList("documents.status"));

        Map<String, Object> pdf = Api.awaitFinal(upload.getLong("documents[0].id"));
        Map<String, Object> docx = Api.awaitFinal(upload.getLong("documents[1].id"));
        assertEquals("READY", pdf.get("status"), () -> "PDF failed: " + pdf.get("error"));
        assertEquals("READY", docx.get("status"), () -> "DOCX failed: " + docx.get("error"));
        assertEquals(3, pdf.get("pages"));
        assertTrue((Integer) pdf.get("chunks") >= 2);

        JsonPath answer = Api.ask("How much notice is needed to terminate the agreement for convenience?", List.of(collection))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("extractive", answer.getString("mode"));
        assertTrue(answer.getBoolean("grounded"));
        assertTrue(answer.getString("answer").contains("ninety (90) days"), answer.getString("answer"));
        assertTrue(answer.getString("answer").contains("[1]"));
        assertEquals("service-agreement.pdf", answer.getString("citations[0].documentName"));
        assertEquals(2, answer.getInt("citations[0].page"), "the termination clause is on page 2");
        assertTrue(answer.getString("citations[0].text").contains("ninety (90) days"));

        JsonPath vacation = Api.ask("How many vacation days do full-time employees get?", List.of(collection))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("employee-handbook.docx", vacation.getString("citations[0].documentName"));
        assertTrue(vacation.getString("answer").contains("twenty-five (25) days"), vacation.getString("answer"));
        assertTrue(vacation.getString("citations[0].headingPath").contains("Vacation"));

        JsonPath search = Api.search("late payment interest", List.of(collection), 5).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("service-agreement.pdf", search.getString("results[0].documentName"));
        assertEquals(3, search.getInt("results[0].page"));
        assertTrue(search.getString("results[0].text").contains("one percent (1%) per month"));
        assertTrue(search.getDouble("results[0].score") > 0);
    }

    @Test
    void a_question_the_documents_do_not_answer_is_not_answered() {
        long collection = Api.createCollection("Handbook only");
        long id = Api.upload(collection, "employee-handbook.docx").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        JsonPath answer = Api.ask("What is the boiling point of mercury in Kelvin?", List.of(collection))
                .then().statusCode(200).extract().jsonPath();
        assertFalse(answer.getBoolean("grounded"));
        assertTrue(answer.getString("answer").contains("do not contain"), answer.getString("answer"));
        assertEquals(0, answer.getList("citations").size());
    }

    @Test
    void bad_files_fail_alone_with_a_readable_reason_while_their_batch_mates_succeed() {
        long collection = Api.createCollection("Mixed batch");
        JsonPath upload = Api.upload(collection, "corrupt.pdf", "notes.html", "encrypted.pdf", "empty.txt", "program.pdf")
                .then().statusCode(202).extract().jsonPath();
        List<Integer> ids = upload.getList("documents.id", Integer.class);
        assertEquals(5, ids.size());
        Map<String, Object> corrupt = Api.awaitFinal(ids.get(0));
        Map<String, Object> html = Api.awaitFinal(ids.get(1));
        Map<String, Object> encrypted = Api.awaitFinal(ids.get(2));
        Map<String, Object> empty = Api.awaitFinal(ids.get(3));
        Map<String, Object> program = Api.awaitFinal(ids.get(4));

        assertEquals("READY", html.get("status"), () -> "HTML failed: " + html.get("error"));
        assertEquals("FAILED", corrupt.get("status"));
        assertTrue(((String) corrupt.get("error")).contains("damaged"), (String) corrupt.get("error"));
        assertEquals("FAILED", encrypted.get("status"));
        assertTrue(((String) encrypted.get("error")).contains("password-protected"), (String) encrypted.get("error"));
        assertEquals("FAILED", empty.get("status"));
        assertTrue(((String) empty.get("error")).contains("empty"), (String) empty.get("error"));
        assertEquals("FAILED", program.get("status"));
        assertTrue(((String) program.get("error")).contains("executable"), (String) program.get("error"));

        JsonPath answer = Api.ask("Where can visitors park?", List.of((long) collection)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("notes.html", answer.getString("citations[0].documentName"));
        assertTrue(answer.getString("answer").contains("lot C"));
    }

    @Test
    void deleting_a_document_removes_it_from_postgresql_and_lucene() throws Exception {
        long collection = Api.createCollection("Delete me");
        long id = Api.upload(collection, "notes.html").then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        assertTrue(chunks.countByDocument(id) > 0);
        Api.search("guest wifi network password", List.of(collection), 5).then().statusCode(200)
                .body("results", hasSize(org.hamcrest.Matchers.greaterThan(0)));
        assertTrue(lucene.countDocument(id) > 0);

        asAdmin().delete("/api/documents/" + id).then().statusCode(204);

        asAdmin().get("/api/documents/" + id).then().statusCode(404).body("message", containsString("No document"));
        assertEquals(0, chunks.countByDocument(id));
        assertEquals(0, lucene.countDocument(id));
        Api.search("guest wifi network password", List.of(collection), 5).then().statusCode(200)
                .body("results", hasSize(0));
        asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void the_same_bytes_uploaded_twice_into_a_collection_give_one_document() {
        long collection = Api.createCollection("Dedup");
        long first = Api.upload(collection, "notes.html").then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        long second = Api.upload(collection, "notes.html").then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals(first, second);
    }

    @Test
    void every_api_path_requires_authentication() {
        given().get("/api/collections").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("question", "x")).post("/api/ask").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("query", "x")).post("/api/search").then().statusCode(401);
        given().get("/api/documents/1").then().statusCode(401);
        given().delete("/api/documents/1").then().statusCode(401);
        given().auth().preemptive().basic(Api.ADMIN, "wrong-password").get("/api/collections").then().statusCode(401);
    }

    @Test
    void errors_are_json_with_an_actionable_message_and_the_right_status() {
        asAdmin().get("/api/documents/999999").then().statusCode(404)
                .contentType(ContentType.JSON).body("message", equalTo("No document with id 999999."));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", " ")).post("/api/collections")
                .then().statusCode(400).body("message", containsString("needs a name"));
        asAdmin().contentType(ContentType.JSON).body("{not json").post("/api/ask").then().statusCode(400)
                .contentType(ContentType.JSON);
        asAdmin().contentType(ContentType.JSON).body(Map.of("question", "")).post("/api/ask").then().statusCode(400)
                .body("message", containsString("question"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("question", "x", "collections", List.of(424242)))
                .post("/api/ask").then().statusCode(404);
        asAdmin().contentType(ContentType.TEXT).body("hello").post("/api/collections/1/documents").then().statusCode(415)
                .contentType(ContentType.JSON);
        long collection = Api.createCollection("Errors");
        asAdmin().multiPart("other", "x.txt", "hello".getBytes()).post("/api/collections/" + collection + "/documents")
                .then().statusCode(400).body("message", containsString("named 'file'"));
        asAdmin().get("/api/collections/777777/documents").then().statusCode(404);
    }

    @Test
    void an_upload_of_only_refused_files_fails_as_a_whole_and_stores_nothing() {
        long collection = Api.createCollection("Refused uploads");
        Api.upload(collection, "program.pdf").then().statusCode(415).contentType(ContentType.JSON)
                .body("message", containsString("executable"));
        byte[] big = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        asAdmin().multiPart("file", "huge.txt", big).post("/api/collections/" + collection + "/documents")
                .then().statusCode(413).contentType(ContentType.JSON).body("message", containsString("the limit is 5.0 MB"));
        asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200).body("", hasSize(0));

        JsonPath mixed = asAdmin().multiPart("file", "huge.txt", big)
                .multiPart("file", Api.FIXTURES.resolve("notes.html").toFile())
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath();
        assertEquals("FAILED", mixed.getString("documents[0].status"), "refused at once, beside its batch-mate");
        assertEquals("TOO_LARGE", mixed.getString("documents[0].errorCode"));
        assertEquals("READY", Api.awaitFinal(mixed.getLong("documents[1].id")).get("status"));
    }

    @Test
    void collections_can_be_created_and_listed_and_names_are_unique() {
        long id = Api.createCollection("Unique name");
        asAdmin().get("/api/collections").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItem("Unique name"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Unique name")).post("/api/collections")
                .then().statusCode(409).body("message", containsString("already exists"));
        assertNotNull(asAdmin().get("/api/collections/" + id).then().statusCode(200).extract().jsonPath().getString("name"));
    }

    @Test
    void health_and_openapi_are_served() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/ask"));
    }
}
