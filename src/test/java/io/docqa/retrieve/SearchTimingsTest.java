package io.docqa.retrieve;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hybrid search answers with where its time went; other retrievers' answers keep their shape. */
@QuarkusTest
class SearchTimingsTest {

    private static final List<String> PARTS = List.of("embedMs", "bm25Ms", "vectorMs", "fusionMs", "loadMs");

    @Test
    void hybrid_search_reports_each_stage_and_no_stage_exceeds_the_total() {
        long collection = Api.createCollection("Timed search");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));

        JsonPath search = Api.search("late payment interest", List.of(collection), 5).then().statusCode(200)
                .extract().jsonPath();
        assertFalse(search.getList("results").isEmpty());
        Map<String, Object> timings = search.getMap("timings");
        double total = ((Number) timings.get("totalMs")).doubleValue();
        assertTrue(total > 0, "total " + total);
        for (String part : PARTS) {
            double ms = ((Number) timings.get(part)).doubleValue();
            assertTrue(ms >= 0 && ms <= total, part + " = " + ms + " of total " + total);
        }
        assertTrue(((Number) timings.get("embedMs")).doubleValue() > 0, "the query was embedded");

        JsonPath bm25 = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", "late payment interest", "collections", List.of(collection), "retriever", "bm25"))
                .post("/api/search").then().statusCode(200).extract().jsonPath();
        assertFalse(bm25.getList("results").isEmpty());
        assertNull(bm25.get("timings"), "only the hybrid retriever reports stages");
    }
}
