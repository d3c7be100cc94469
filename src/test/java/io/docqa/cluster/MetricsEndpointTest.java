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
