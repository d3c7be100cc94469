package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.docqa.testing.SseEvents;
import io.docqa.testing.SseEvents.Event;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Metadata filters of search and ask on really ingested documents: file type, tags (at upload and changed later),
 * the document's date (the PDF and DOCX fixtures say they were created 2024-01-15, the text file has no date and gets its
 * upload time), document ids, and that a filter never reaches into a collection the caller may not read.
 */
@QuarkusTest
class SearchFiltersTest {

    private static final String PASSWORD = "filter-reader-password";
    private static final String QUERY = "How many days of notice or vacation days apply?";

    record World(long collection, long secret, long pdf, long docx, long txt, long secretDoc) {
    }

    @Test
    void a_new_version_keeps_the_tags_of_the_one_it_replaces_unless_it_brings_its_own() {
        long collection = Api.createCollection("filters: versions " + System.nanoTime());
        long v1 = asAdmin().multiPart("file", "policy.txt", "Remote work policy. Staff may work remotely two days a week."
                        .getBytes(StandardCharsets.UTF_8), "text/plain").multiPart("tags", "hr, policy")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(v1).get("status"));

        // same name, new content, no tags: the new version replaces the old one and keeps its tags
        long v2 = asAdmin().multiPart("file", "policy.txt", "Remote work policy. Staff may work remotely three days a week."
                        .getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(v2).get("status"));
        JsonPath doc = asAdmin().get("/api/documents/" + v2).then().statusCode(200).extract().jsonPath();
        assertEquals(v1, doc.getLong("replacesId"));
        assertEquals(List.of("hr", "policy"), doc.getList("tags"));
        assertEquals(Set.of(v2), documentsFound(asAdmin(), List.of(collection), Map.of("tags", List.of("policy"))),
                "the tag filter finds the new version");

        // a new version uploaded with tags of its own keeps those
        long v3 = asAdmin().multiPart("file", "policy.txt", "Remote work policy. Staff may work remotely every day."
                        .getBytes(StandardCharsets.UTF_8), "text/plain").multiPart("tags", "archive")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(v3).get("status"));
        assertEquals(List.of("archive"), asAdmin().get("/api/documents/" + v3).then().extract().jsonPath().getList("tags"));
    }

    private static World world;

    static synchronized World world() {
        if (world != null) {
            return world;
        }
        long collection = Api.createCollection("filters: contracts and handbook");
        long secret = Api.createCollection("filters: board only");
        JsonPath up = asAdmin().multiPart("file", Api.FIXTURES.resolve("service-agreement.pdf").toFile())
                .multiPart("tags", "Contract, legal")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath();
        long pdf = up.getLong("documents[0].id");
        long docx = asAdmin().multiPart("file", Api.FIXTURES.resolve("employee-handbook.docx").toFile())
                .multiPart("tags", "hr").post("/api/collections/" + collection + "/documents").then().statusCode(202)
                .extract().jsonPath().getLong("documents[0].id");
        long txt = asAdmin().multiPart("file", "travel-notes.txt",
                "Travel notes. Expense reports are due within ten days of the trip; vacation days cannot be used for travel."
                        .getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        long secretDoc = asAdmin().multiPart("file", "board-minutes.txt",
                "Board minutes. Executives receive forty vacation days and ninety days of notice."
                        .getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("tags", "hr")
                .post("/api/collections/" + secret + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        for (long id : List.of(pdf, docx, txt, secretDoc)) {
            assertEquals("READY", Api.awaitFinal(id).get("status"), "fixture " + id + " must ingest");
        }
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", "filter-reader", "password", PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + collection + "/members/filter-reader").then().statusCode(204);
        world = new World(collection, secret, pdf, docx, txt, secretDoc);
        return world;
    }

    private static Set<Long> documentsFound(RequestSpecification as, List<Long> collections, Map<String, ?> filters) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", QUERY);
        body.put("limit", 30);
        if (collections != null) {
            body.put("collections", collections);
        }
        if (filters != null) {
            body.put("filters", filters);
        }
        List<Number> ids = as.contentType(ContentType.JSON).body(body).post("/api/search").then().statusCode(200)
                .extract().jsonPath().getList("results.documentId");
        Set<Long> out = new TreeSet<>();
        ids.forEach(n -> out.add(n.longValue()));
        return out;
    }

    private static Set<Long> found(Map<String, ?> filters) {
        return documentsFound(asAdmin(), List.of(world().collection()), filters);
    }

    @Test
    void without_filters_every_document_of_the_collection_is_found() {
        World w = world();
        assertEquals(Set.of(w.pdf(), w.docx(), w.txt()), found(null));
        assertEquals(Set.of(w.pdf(), w.docx(), w.txt()), found(Map.of()));
    }

    @Test
    void a_type_filter_keeps_only_documents_of_that_file_type() {
        World w = world();
        assertEquals(Set.of(w.pdf()), found(Map.of("types", List.of("pdf"))));
        assertEquals(Set.of(w.docx()), found(Map.of("types", List.of(".DOCX"))));
        assertEquals(Set.of(w.pdf(), w.txt()), found(Map.of("types", List.of("pdf", "txt"))));
        assertEquals(Set.of(), found(Map.of("types", List.of("xlsx"))));
    }

    @Test
    void tags_given_at_upload_or_set_later_filter_with_any_of() {
        World w = world();
        JsonPath pdf = asAdmin().get("/api/documents/" + w.pdf()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("contract", "legal"), pdf.getList("tags"), "tags are stored lower-case");
        assertEquals(Set.of(w.docx()), found(Map.of("tags", List.of("hr"))));
        assertEquals(Set.of(w.pdf(), w.docx()), found(Map.of("tags", List.of("HR", "legal"))));

        JsonPath changed = asAdmin().contentType(ContentType.JSON).body(List.of("travel", "hr"))
                .put("/api/documents/" + w.txt() + "/tags").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("travel", "hr"), changed.getList("tags"));
        assertEquals(Set.of(w.docx(), w.txt()), found(Map.of("tags", List.of("hr"))));
        List<String> listed = asAdmin().get("/api/collections/" + w.collection() + "/documents").then().statusCode(200)
                .extract().jsonPath().getList("find { it.id == " + w.txt() + " }.tags");
        assertEquals(List.of("travel", "hr"), listed);

        asAdmin().contentType(ContentType.JSON).body(List.of()).put("/api/documents/" + w.txt() + "/tags")
                .then().statusCode(200);
        assertEquals(Set.of(w.docx()), found(Map.of("tags", List.of("hr"))), "an empty list removes the tags");
    }

    @Test
    void the_date_filter_uses_the_files_own_date_else_the_upload_time() {
        World w = world();
        for (long dated : List.of(w.pdf(), w.docx())) {
            assertEquals("2024-01-15T09:00:00Z", asAdmin().get("/api/documents/" + dated).then().statusCode(200)
                    .extract().jsonPath().getString("documentDate"), "the fixture's created date from its metadata");
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(Set.of(w.pdf(), w.docx()), found(Map.of("dateFrom", "2024-01-15", "dateTo", "2024-01-15")));
        assertEquals(Set.of(w.pdf(), w.docx()), found(Map.of("dateTo", "2024-12-31")));
        assertEquals(Set.of(), found(Map.of("dateFrom", "2024-01-14", "dateTo", "2024-01-14")), "whole days");
        assertEquals(Set.of(), found(Map.of("dateFrom", "2024-01-16", "dateTo", "2024-02-01")));
        assertEquals(Set.of(w.txt()), found(Map.of("dateFrom", today)), "the text file is dated by its upload");
    }

    @Test
    void document_ids_and_several_criteria_combine() {
        World w = world();
        assertEquals(Set.of(w.txt()), found(Map.of("documentIds", List.of(w.txt()))));
        assertEquals(Set.of(w.pdf()), found(Map.of("documentIds", List.of(w.pdf(), w.docx()), "types", List.of("pdf"))));
        assertEquals(Set.of(), found(Map.of("documentIds", List.of(w.pdf()), "tags", List.of("hr"))));
    }

    @Test
    void a_filter_naming_a_document_of_an_unreadable_collection_finds_nothing_from_it() {
        World w = world();
        RequestSpecification reader = given().auth().preemptive().basic("filter-reader", PASSWORD);
        assertEquals(Set.of(), documentsFound(reader, null, Map.of("documentIds", List.of(w.secretDoc()))));
        assertEquals(Set.of(w.docx()), documentsFound(reader, null, Map.of("tags", List.of("hr"))),
                "the board document is tagged hr too, but the reader may not read it");
        assertEquals(Set.of(), documentsFound(asAdmin(), List.of(w.collection()),
                Map.of("documentIds", List.of(w.secretDoc()))), "named collections still bound the search");
        assertEquals(Set.of(w.secretDoc()), documentsFound(asAdmin(), null, Map.of("documentIds", List.of(w.secretDoc()))));

        JsonPath answer = reader.contentType(ContentType.JSON).body(Map.of("question",
                "How many vacation days do executives receive?", "filters", Map.of("documentIds", List.of(w.secretDoc()))))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();
        assertFalse(answer.getBoolean("grounded"), answer.prettify());
        assertFalse(answer.prettify().contains("forty"), "nothing of the board document leaks");
    }

    @Test
    void ask_applies_filters_in_json_and_streaming_answers() {
        World w = world();
        String question = "How much notice is needed to terminate the agreement for convenience?";
        JsonPath unfiltered = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("question", question, "collections", List.of(w.collection())))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();
        assertEquals(w.pdf(), unfiltered.getLong("citations[0].documentId"), unfiltered.prettify());

        Map<String, Object> onlyDocx = Map.of("question", question, "collections", List.of(w.collection()),
                "filters", Map.of("types", List.of("docx")));
        JsonPath filtered = asAdmin().contentType(ContentType.JSON).body(onlyDocx).post("/api/ask").then()
                .statusCode(200).extract().jsonPath();
        List<Number> cited = filtered.getList("citations.documentId");
        List<Number> closest = filtered.getList("closest.documentId");
        assertTrue(cited.stream().allMatch(id -> id.longValue() == w.docx()), filtered.prettify());
        assertTrue(closest.stream().allMatch(id -> id.longValue() == w.docx()), filtered.prettify());
        assertFalse(filtered.prettify().contains("ninety (90) days"), "the agreement was filtered out");

        String body = asAdmin().contentType(ContentType.JSON).accept("text/event-stream").body(onlyDocx)
                .post("/api/ask").then().statusCode(200).extract().asString();
        List<Event> events = SseEvents.parse(body);
        Event last = events.get(events.size() - 1);
        assertEquals("answer", last.name(), body);
        assertFalse(last.data().contains("ninety (90) days"), body);

        // an invalid request is refused before the stream starts, as the plain call refuses it
        String bad = asAdmin().contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("question", question, "filters", Map.of("dateFrom", "soon")))
                .post("/api/ask").then().statusCode(400).contentType(ContentType.JSON).extract().asString();
        assertTrue(bad.contains("dateFrom"), bad);
    }

    @Test
    void invalid_filter_values_are_refused_with_a_clear_message() {
        World w = world();
        Map<Map<String, ?>, String> cases = Map.of(
                Map.of("dateFrom", "last tuesday"), "filters.dateFrom must be an ISO date",
                Map.of("dateTo", "2024-13-01"), "filters.dateTo must be an ISO date",
                Map.of("dateFrom", "2024-05-01", "dateTo", "2024-04-01"), "is after filters.dateTo",
                Map.of("types", List.of("p df")), "a file type is a short name",
                Map.of("tags", List.of(" ")), "A tag must not be empty",
                Map.of("tags", List.of("<script>")), "has characters other than",
                Map.of("documentIds", List.of(-3)), "positive document ids");
        cases.forEach((filters, message) -> asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", QUERY, "collections", List.of(w.collection()), "filters", filters))
                .post("/api/search").then().statusCode(400).body("message", containsString(message)));
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", QUERY, "filters", Map.of("documentIds", "seven")))
                .post("/api/search").then().statusCode(400);
        asAdmin().contentType(ContentType.JSON).body(Map.of("question", QUERY, "filters", Map.of("types", List.of("?"))))
                .post("/api/ask").then().statusCode(400).body("message", containsString("filters.types"));

        asAdmin().contentType(ContentType.JSON).body(Map.of("tags", "x")).put("/api/documents/" + w.txt() + "/tags")
                .then().statusCode(400);
        asAdmin().contentType(ContentType.JSON).body(List.of("a,b")).put("/api/documents/" + w.txt() + "/tags")
                .then().statusCode(400).body("message", containsString("has characters other than"));
        asAdmin().contentType(ContentType.JSON).body(List.of("ok")).put("/api/documents/99999999/tags")
                .then().statusCode(404);
        given().auth().preemptive().basic("filter-reader", PASSWORD).contentType(ContentType.JSON).body(List.of("mine"))
                .put("/api/documents/" + w.txt() + "/tags").then().statusCode(403);
        asAdmin().multiPart("file", "tagged.txt", "Some text.".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("tags", "x".repeat(51)).post("/api/collections/" + w.collection() + "/documents")
                .then().statusCode(400).body("message", containsString("at most 50 characters"));
    }
}
