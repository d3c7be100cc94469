package io.docqa.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** REST calls as an API client makes them: HTTP Basic as the test administrator. */
public final class Api {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private Api() {
    }

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    public static long createCollection(String name) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/collections").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Uploads fixture files in one request; returns the response. */
    public static Response upload(long collectionId, String... fixtureNames) {
        RequestSpecification req = asAdmin();
        for (String name : fixtureNames) {
            req = req.multiPart("file", FIXTURES.resolve(name).toFile());
        }
        return req.post("/api/collections/" + collectionId + "/documents");
    }

    /** Waits until the document is READY or FAILED and returns its JSON. */
    public static Map<String, Object> awaitFinal(long documentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> doc = asAdmin().get("/api/documents/" + documentId).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            String status = (String) doc.get("status");
            if ("READY".equals(status) || "FAILED".equals(status)) {
                return doc;
            }
            sleep(200);
        }
        throw new AssertionError("Document " + documentId + " did not finish ingesting within 180 s");
    }

    public static Response ask(String question, List<Long> collections) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("question", question, "collections", collections))
                .post("/api/ask");
    }

    public static Response search(String query, List<Long> collections, int limit) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", query, "collections", collections, "limit", limit))
                .post("/api/search");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
