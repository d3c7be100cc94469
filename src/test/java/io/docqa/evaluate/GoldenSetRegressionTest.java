package io.docqa.evaluate;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden-QA set over the fixtures, run through the real harness (pipeline ingestion, real Lucene, pgvector,
 * ONNX embeddings), with floors a little under the measured numbers: a retrieval change that loses the right
 * clause fails here.
 */
@QuarkusTest
class GoldenSetRegressionTest {

    /** Floors per retriever: nDCG@10, Recall@5, MRR@10. Measured values are in docs/evaluation.md. */
    static final Map<String, double[]> FLOORS = Map.of(
            "bm25", new double[] {0.80, 0.85, 0.78}, // BM25 statistics are index-wide: documents of other tests shift them
            "vector", new double[] {0.90, 0.95, 0.88},
            "hybrid", new double[] {0.92, 0.95, 0.90});

    @Test
    void harness_ingests_the_golden_set_through_the_pipeline_and_every_retriever_stays_above_its_floor() throws Exception {
        Path dataset = GoldenDatasets.fixturesGolden();
        JsonPath run = startAndAwait(Map.of("dataset", dataset.toString(), "retrievers", List.of("bm25", "vector", "hybrid"),
                "collection", "golden-regression"));
        assertEquals("DONE", run.getString("status"), () -> "run failed: " + run.getString("error"));
        assertEquals("GOLDEN", run.getString("format"));
        assertEquals(21, run.getInt("results.queries"));
        assertEquals(3, run.getInt("results.ingest.ready"), "all three documents went through the pipeline");
        assertEquals(3, run.getInt("results.ingest.submitted"));
        assertFalse(run.getBoolean("config.llmRerank"), "the run records that no language model re-ranked");
        assertEquals("off", run.getString("config.llmRewrite"));
        Map<String, Map<String, Object>> byRetriever = new HashMap<>();
        List<Map<String, Object>> rows = run.getList("results.retrievers");
        rows.forEach(r -> byRetriever.put((String) r.get("retriever"), r));
        assertEquals(FLOORS.keySet(), byRetriever.keySet());
        StringBuilder table = new StringBuilder();
        byRetriever.forEach((k, r) -> table.append(k).append(' ').append(r).append('\n'));
        System.out.println("Golden-QA regression results:\n" + table);
        FLOORS.forEach((retriever, floor) -> {
            Map<String, Object> r = byRetriever.get(retriever);
            assertTrue(num(r, "ndcg10") >= floor[0], () -> retriever + " nDCG@10 fell below its floor: " + r);
            assertTrue(num(r, "recall5") >= floor[1], () -> retriever + " Recall@5 fell below its floor: " + r);
            assertTrue(num(r, "mrr10") >= floor[2], () -> retriever + " MRR@10 fell below its floor: " + r);
            assertTrue(num(r, "p95Ms") > 0, "latency is measured");
        });

        // a second run on the same collection reuses the ingested documents
        JsonPath again = startAndAwait(Map.of("dataset", dataset.toString(), "retrievers", List.of("bm25"),
                "collection", "golden-regression", "limitQueries", 5));
        assertEquals("DONE", again.getString("status"));
        assertEquals(0, again.getInt("results.ingest.submitted"));
        assertEquals(3, again.getInt("results.ingest.reused"));
        assertEquals(5, again.getInt("results.queries"));

        List<Integer> listed = asAdmin().get("/api/eval/runs").then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(listed.containsAll(List.of(run.getInt("id"), again.getInt("id"))), "runs are stored for comparison");
    }

    @Test
    void search_accepts_a_retriever_choice_and_rejects_unknown_ones_including_the_never_built_reranker() throws Exception {
        long collection = Api.createCollection("retriever-choice");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        for (String retriever : List.of("bm25", "vector", "hybrid")) {
            JsonPath found = asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("query", "governing law New York", "collections", List.of(collection), "limit", 3,
                            "retriever", retriever))
                    .post("/api/search").then().statusCode(200).extract().jsonPath();
            assertTrue(found.getList("results").size() >= 1, retriever);
            assertTrue(found.getString("results[0].text").contains("New York"), () -> retriever + ": " + found.prettify());
        }
        asAdmin().contentType(ContentType.JSON).body(Map.of("query", "law", "retriever", "telepathy"))
                .post("/api/search").then().statusCode(400);
        // no cross-encoder exists: "hybrid-rerank" is not advertised and gets the ordinary unknown-retriever answer
        String rerank = asAdmin().contentType(ContentType.JSON).body(Map.of("query", "law", "retriever", "hybrid-rerank"))
                .post("/api/search").then().statusCode(400).extract().jsonPath().getString("message");
        assertEquals("retriever must be one of [bm25, vector, hybrid].", rerank);
    }

    @Test
    void evaluation_api_is_for_administrators_and_refuses_datasets_it_cannot_read() {
        given().get("/api/eval/runs").then().statusCode(401);
        asAdmin().contentType(ContentType.JSON).body(Map.of("dataset", "/nonexistent/dataset"))
                .post("/api/eval/runs").then().statusCode(400);
        asAdmin().contentType(ContentType.JSON).body(Map.of("dataset", Api.FIXTURES.toAbsolutePath().toString()))
                .post("/api/eval/runs").then().statusCode(400);
        asAdmin().get("/api/eval/runs/999999").then().statusCode(404);
    }

    static JsonPath startAndAwait(Map<String, Object> body) {
        return EvalRuns.startAndAwait(body, Duration.ofMinutes(5));
    }

    private static double num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
