package io.docqa.evaluate;

import static io.docqa.testing.Api.asAdmin;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts an evaluation run through POST /api/eval/runs and waits for it to end, as a REST client would. */
public final class EvalRuns {

    private EvalRuns() {
    }

    public static JsonPath startAndAwait(Map<String, Object> body, Duration timeout) {
        long id = asAdmin().contentType(ContentType.JSON).body(body).post("/api/eval/runs")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run = asAdmin().get("/api/eval/runs/" + id).then().statusCode(200).extract().jsonPath();
            if (!List.of("QUEUED", "RUNNING").contains(run.getString("status"))) {
                return run;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Evaluation run " + id + " did not finish within " + timeout);
    }
}
