package io.docqa.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, started as a user starts it) against a
 * fresh database: upload, ingest, ask, cite. Catches what only the packaged class path shows.
 */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void the_packaged_app_ingests_a_pdf_and_answers_with_a_citation() {
        long collection = Api.createCollection("Packaged");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("READY", doc.get("status"), () -> "failed: " + doc.get("error"));
        // parsed in a parser process (docqa.ingest.parse.isolation=process by default) started from the packaged
        // app's own class path: the app's process has a child JVM with the pool's marker
        assertTrue(ProcessHandle.current().descendants().anyMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains("-Ddocqa.parser-pool=")).orElse(false)),
                "no parser process below the packaged app");
        JsonPath answer = Api.ask("When are invoices payable?", List.of(collection)).then().statusCode(200)
                .extract().jsonPath();
        assertTrue(answer.getBoolean("grounded"));
        assertTrue(answer.getString("answer").contains("forty-five (45) days"), answer.getString("answer"));
        assertEquals(3, answer.getInt("citations[0].page"));
    }
}
