package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fusion as a user sees it through the search API: per-collection weights of the two rankings, and per-document
 * diversity of the fused list.
 */
@QuarkusTest
class FusionSettingsTest {

    private static final String CAR_QUERY = "car repair costs";

    private static long uploadText(long collection, String name, String text) {
        long id = asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"), name);
        return id;
    }

    private static JsonPath search(long collection, String query, int limit, String retriever) {
        Map<String, Object> body = new HashMap<>(Map.of("query", query, "collections", List.of(collection), "limit", limit));
        if (retriever != null) {
            body.put("retriever", retriever);
        }
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/search").then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<Long> chunkIds(JsonPath results) {
        List<Number> ids = results.getList("results.chunkId");
        return ids.stream().map(Number::longValue).toList();
    }

    private static JsonPath patch(long collection, Map<String, ?> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).patch("/api/collections/" + collection).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void a_collection_without_bm25_weight_ranks_as_vector_search_and_changing_weights_changes_the_order() {
        long collection = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "fusion weights", "bm25Weight", 0))
                .post("/api/collections").then().statusCode(201)
                .body("bm25Weight", equalTo(0.0f)).body("vectorWeight", equalTo(1.0f))
                .extract().jsonPath().getLong("id");
        uploadText(collection, "parking.txt", "Car park repair costs: the council report lists car park repair costs "
                + "and car park fees for every car owner.");
        uploadText(collection, "mechanics.txt", "Mechanics charge a lot to fix an automobile engine and replace worn brakes.");
        uploadText(collection, "garage.txt", "The price of fixing vehicles at a garage depends on parts and labour.");
        uploadText(collection, "fence.txt", "Repair the fence before winter; the costs are shared by the neighbours.");
        uploadText(collection, "car.txt", "A car is a wheeled motor vehicle used for transportation.");
        uploadText(collection, "bread.txt", "Bake the bread at 200 degrees for forty minutes.");

        List<Long> bm25 = chunkIds(search(collection, CAR_QUERY, 6, "bm25"));
        List<Long> vector = chunkIds(search(collection, CAR_QUERY, 6, "vector"));
        assertEquals(6, vector.size());
        assertTrue(bm25.size() >= 2);
        assertNotEquals(vector.subList(0, bm25.size()), bm25, "the query must split the two rankings");

        assertEquals(vector, chunkIds(search(collection, CAR_QUERY, 6, null)), "bm25Weight 0: pure vector order");

        JsonPath changed = patch(collection, Map.of("bm25Weight", 1, "vectorWeight", 0));
        assertEquals(1.0, changed.getDouble("bm25Weight"));
        assertEquals(0.0, changed.getDouble("vectorWeight"));
        List<Long> lexicalOnly = chunkIds(search(collection, CAR_QUERY, 6, null));
        assertEquals(bm25, lexicalOnly, "vectorWeight 0: pure BM25 order");

        JsonPath both = patch(collection, Map.of("vectorWeight", 1));
        assertEquals(1.0, both.getDouble("bm25Weight"), "fields left out of a PATCH keep their value");
        assertEquals(1.0, both.getDouble("vectorWeight"));
        assertEquals("default", both.getString("pipeline"));
        assertEquals(1.0, asAdmin().get("/api/collections/" + collection).then().statusCode(200).extract().jsonPath()
                .getDouble("vectorWeight"));
        List<Number> listed = asAdmin().get("/api/collections").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.id == " + collection + " }.bm25Weight");
        assertEquals(1.0, listed.get(0).doubleValue());
    }

    @Test
    void bad_weights_and_unknown_collections_are_refused() {
        long collection = Api.createCollection("fusion weights refused");
        Map<Map<String, ?>, String> cases = Map.of(
                Map.of("bm25Weight", -1), "between 0 and",
                Map.of("vectorWeight", 1000), "between 0 and",
                Map.of("bm25Weight", 0, "vectorWeight", 0), "cannot both be 0",
                Map.of("pipeline", "no-such-pipeline"), "no ingestion pipeline");
        cases.forEach((body, message) -> asAdmin().contentType(ContentType.JSON).body(body)
                .patch("/api/collections/" + collection).then().statusCode(400).body("message", containsString(message)));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "negative weights", "vectorWeight", -0.5))
                .post("/api/collections").then().statusCode(400);
        asAdmin().contentType(ContentType.JSON).body(Map.of("bm25Weight", 0.5)).patch("/api/collections/99999999")
                .then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body(Map.of("bm25Weight", "heavy"))
                .patch("/api/collections/" + collection).then().statusCode(400);
        JsonPath unchanged = asAdmin().get("/api/collections/" + collection).then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, unchanged.getDouble("bm25Weight"), "refused changes change nothing");
        assertEquals(1.0, unchanged.getDouble("vectorWeight"));
    }

    @Test
    void a_long_document_matching_every_term_leaves_room_for_the_short_document_with_the_answer() {
        long collection = Api.createCollection("fusion diversity");
        StringBuilder manual = new StringBuilder("Solar installation manual\n\n");
        String[] topics = {"mounting rails", "cable trays", "roof anchors", "grid meters", "battery racks",
                "string fuses", "junction boxes", "cleaning brushes", "monitoring apps", "surge guards"};
        for (int i = 0; i < topics.length; i++) {
            manual.append("Section ").append(i + 1).append(". Solar panel inverter warranty claim notes for ")
                    .append(topics[i]).append(". Before any solar panel inverter warranty claim, the installer checks the ")
                    .append(topics[i]).append(" of the solar panel and the inverter. A warranty claim about the inverter ")
                    .append("of a solar panel lists the ").append(topics[i]).append(", the solar panel inverter model and ")
                    .append("the warranty claim reference. Installers keep solar panel inverter warranty claim records ")
                    .append("for the ").append(topics[i]).append(" in the site binder, next to the inverter manual and ")
                    .append("the solar panel warranty card, so that every claim can be traced. The solar panel inverter ")
                    .append("warranty claim form asks for photographs of the ").append(topics[i])
                    .append(", of the solar panel and of the inverter label; a warranty claim without them waits until ")
                    .append("the solar panel inverter warranty desk has seen every photograph of the installation.\n\n");
        }
        long longDoc = uploadText(collection, "solar-manual.txt", manual.toString());
        long shortDoc = uploadText(collection, "inverter-failures.txt", "Inverter failures. File the claim within "
                + "30 days of the failure and quote the serial number printed on the unit.");
        String query = "solar panel inverter warranty claim";

        // without diversity, plain fusion of the two rankings gives the long document all top three places
        JsonPath lexical = search(collection, query, 50, "bm25");
        JsonPath dense = search(collection, query, 50, "vector");
        Map<Long, Long> documentOf = new HashMap<>();
        for (JsonPath ranking : List.of(lexical, dense)) {
            List<Number> chunks = ranking.getList("results.chunkId");
            List<Number> docs = ranking.getList("results.documentId");
            for (int i = 0; i < chunks.size(); i++) {
                documentOf.put(chunks.get(i).longValue(), docs.get(i).longValue());
            }
        }
        assertTrue(documentOf.values().stream().filter(d -> d == longDoc).count() >= 6, "the manual has many chunks");
        List<Fused> plain = new ReciprocalRankFusion(60).fuse(List.of(
                new WeightedRanking(hits(lexical), 1.0), new WeightedRanking(hits(dense), 1.0)));
        assertEquals(List.of(longDoc, longDoc, longDoc),
                plain.subList(0, 3).stream().map(f -> documentOf.get(f.chunkId())).toList(),
                "precondition: without diversity the manual fills the top three");

        List<Number> top3 = search(collection, query, 3, null).getList("results.documentId");
        List<Long> docs = top3.stream().map(Number::longValue).toList();
        assertTrue(docs.contains(shortDoc), "the short answer is in the top three: " + docs);
        assertTrue(docs.contains(longDoc), "the manual is still there: " + docs);
    }

    private static List<RankedHit> hits(JsonPath ranking) {
        List<Number> chunks = ranking.getList("results.chunkId");
        List<Number> scores = ranking.getList("results.score");
        List<RankedHit> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            out.add(new RankedHit(chunks.get(i).longValue(), scores.get(i).doubleValue()));
        }
        return out;
    }
}
