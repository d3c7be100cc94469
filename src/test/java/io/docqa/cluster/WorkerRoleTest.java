package io.docqa.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker instance ({@code DOCQA_ROLE=worker}) answers health probes and metrics scrapes and refuses everything else
 * (UI, REST API, sign-in) with 503 and a message saying what it is, even to a signed-in administrator.
 */
@QuarkusTest
@TestProfile(WorkerRoleTest.Worker.class)
class WorkerRoleTest {

    public static class Worker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.cluster.role", "worker");
        }
    }

    @Test
    void a_worker_serves_health_and_metrics_only() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));

        for (String path : new String[] {"/", "/login", "/ask", "/VAADIN/build/missing.js", "/q/openapi"}) {
            given().redirects().follow(false).get(path).then().statusCode(503)
                    .contentType("application/json").body("message", containsString("is a worker (DOCQA_ROLE=worker)"));
        }
        Api.asAdmin().get("/api/collections").then().statusCode(503)
                .body("message", containsString("Send users to a web instance"));
        given().formParam("username", Api.ADMIN).formParam("password", Api.ADMIN_PASSWORD).post("/j_security_check")
                .then().statusCode(503);
    }
}
