package io.docqa.security;

import static io.docqa.security.PermissionAttackTest.as;
import static io.docqa.security.PermissionAttackTest.createUser;
import static io.docqa.security.PermissionAttackTest.grant;
import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing about unreadable collections leaks through scores or ranking: the same query over the same readable
 * collection gives byte-identical answers from {@code /api/search} (bm25, vector, hybrid) and {@code /api/ask}
 * whether a collection the caller cannot read is empty or full of the query's words. Before BM25 statistics were
 * scope-local, the bm25 scores moved with the unreadable collection's document frequencies.
 */
@QuarkusTest
class RankingIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUERIES = List.of("vacation days carry over", "remote work allowance",
            "\"parental leave\" policy 4.2");

    @Test
    void unreadable_content_changes_no_score_order_or_snippet() throws Exception {
        long readable = Api.createCollection("Readable handbook (ranking isolation)");
        long hidden = Api.createCollection("Hidden HR (ranking isolation)");
        createUser("rita", "READER");
        grant(readable, "rita", "READER");
        upload(readable, "leave.txt", """
                Vacation days. Employees receive twenty vacation days per year. Unused vacation days carry over
                to the next year up to five days.
                """);
        upload(readable, "remote.txt", """
                Remote work. A remote work allowance of 40 EUR per month covers internet costs. Remote days are
                agreed with the manager.
                """);
        upload(readable, "parental.txt", """
                4.2 Parental leave. Parental leave policy: sixteen weeks of paid parental leave; vacation days
                accrue during parental leave.
                """);
        upload(readable, "misc.txt", """
                Office hours. The office opens at eight. Work days are Monday to Friday; days off are announced.
                """);

        Map<String, String> before = observe(readable);

        for (int i = 0; i < 12; i++) {
            upload(hidden, "probe-" + i + ".txt", ("vacation days carry over vacation days remote work allowance "
                    + "parental leave policy 4.2 days days work leave allowance carry over ").repeat(i + 1));
        }
        // the hidden content is really there and matches: its own reader sees it
        String adminView = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", "vacation days", "collections", List.of(hidden), "retriever", "bm25"))
                .post("/api/search").then().statusCode(200).extract().asString();
        assertFalse(JSON.readTree(adminView).get("results").isEmpty(), "the probe documents must be searchable");

        Map<String, String> after = observe(readable);
        for (var e : before.entrySet()) {
            assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed with unreadable content");
        }
    }

    /** Every answer Rita gets, by request, as JSON (hybrid search timings and answer ids left out). */
    private static Map<String, String> observe(long readable) throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String q : QUERIES) {
            for (String retriever : List.of("bm25", "vector", "hybrid")) {
                String body = as("rita").contentType(ContentType.JSON)
                        .body(Map.of("query", q, "retriever", retriever, "limit", 10))
                        .post("/api/search").then().statusCode(200).extract().asString();
                ObjectNode tree = (ObjectNode) JSON.readTree(body);
                tree.remove("timings");
                assertFalse(tree.get("results").isEmpty(), "no results for " + q);
                seen.put("search " + retriever + ": " + q, tree.toString());
            }
            ObjectNode answer = (ObjectNode) JSON.readTree(as("rita").contentType(ContentType.JSON)
                    .body(Map.of("question", q)).post("/api/ask").then().statusCode(200).extract().asString());
            answer.remove("answerId"); // numbers every answer given, whatever it says
            seen.put("ask: " + q, answer.toString());
        }
        return seen;
    }

    private static void upload(long collection, String name, String text) {
        long id = asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"), name + " must ingest");
    }
}
