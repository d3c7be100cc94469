package io.docqa.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.LlmAnswerTest;
import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * After an upload, a search and two questions (one answered by the language model, one where the model timed out),
 * {@code /q/metrics} shows, without signing in, what an operator graphs: embedded chunks, queue depth, search latency
 * per stage, language-model latency and errors, and the connection pool.
 */
@QuarkusTest
@TestProfile(LlmAnswerTest.WithOpenAiCompatibleServer.class)
class MetricsEndpointTest {

    @Test
    void metrics_show_ingestion_search_stages_llm_calls_and_the_connection_pool() {
        long collection = Api.createCollection("Metrics " + System.nanoTime());
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        Api.search("termination for convenience", List.of(collection), 5).then().statusCode(200);
        LlmAnswerTest.SERVER.reset();
        LlmAnswerTest.SERVER.enqueue(Reply.of("Either party may terminate this Agreement for convenience by giving"
                + " ninety (90) days prior written notice to the other party [1]."));
        Api.ask("What notice is required to terminate the Agreement for convenience?", List.of(collection))
                .then().statusCode(200);
        LlmAnswerTest.SERVER.enqueue(new Reply("Too late.", Duration.ofSeconds(3))); // beyond the 2 s timeout
        Api.ask("What notice is required to terminate the Agreement for convenience?", List.of(collection))
                .then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(value(metrics, "docqa_embedded_chunks_total") > 0, "chunks embedded");
        assertTrue(value(metrics, "docqa_ingest_queue_depth{state=\"queued\"}") >= 0);
        assertTrue(value(metrics, "docqa_ingest_queue_depth{state=\"processing\"}") >= 0);
        for (String stage : new String[] {"embed", "bm25", "vector", "fusion", "retrieval"}) {
            assertTrue(value(metrics, "docqa_search_stage_seconds_count{stage=\"" + stage + "\"}") >= 3,
                    stage + ": the search and both questions");
            assertTrue(value(metrics, "docqa_search_stage_seconds_sum{stage=\"" + stage + "\"}") > 0, stage);
        }
        assertTrue(value(metrics, "docqa_search_stage_seconds_count{stage=\"answer\"}") >= 2, "both answers");
        assertTrue(value(metrics, "docqa_llm_request_seconds_count{mode=\"blocking\",outcome=\"ok\"}") >= 1);
        assertTrue(value(metrics, "docqa_llm_request_seconds_count{mode=\"blocking\",outcome=\"error\"}") >= 1);
        assertTrue(value(metrics, "docqa_llm_errors_total{mode=\"blocking\"}") >= 1, "the timeout counted");
        assertTrue(value(metrics, "agroal_max_used_count{datasource=\"default\"}") >= 1, "connection pool");
        assertTrue(value(metrics, "agroal_available_count{datasource=\"default\"}") >= 0);
        assertTrue(value(metrics, "docqa_ingest_documents_total{outcome=\"ready\"}") >= 1, "documents ingested");
        assertTrue(value(metrics, "docqa_index_lag") >= 0, "index lag");
    }

    /** The dashboard and the worker autoscaler in k8s/ query only series that the app exports. */
    @Test
    void the_kubernetes_dashboard_and_autoscaler_use_series_the_app_exports() throws java.io.IOException {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.Set<String> exported = new java.util.TreeSet<>();
        metrics.lines().filter(l -> l.startsWith("docqa_")).forEach(l -> exported.add(l.split("[{ ]")[0]));
        java.util.Set<String> queried = new java.util.TreeSet<>();
        for (String file : List.of("k8s/monitoring/docqa-dashboard.json", "k8s/base/worker.yaml")) {
            Matcher m = Pattern.compile("docqa_[a-z_]+").matcher(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertTrue(queried.size() >= 5, "series found in k8s/: " + queried);
        List<String> missing = queried.stream().filter(q -> !exported.contains(q)).toList();
        assertEquals(List.of(), missing, "queried in k8s/ but not exported; exported: " + exported);
    }

    /** The value of a series given by its name and labels as Prometheus prints them. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("No series " + series + " in:\n" + metrics.lines()
                    .filter(l -> l.startsWith(series.replaceAll("\\{.*", ""))).toList());
        }
        return Double.parseDouble(m.group(1));
    }
}
