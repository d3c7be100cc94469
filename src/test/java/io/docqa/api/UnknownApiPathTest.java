package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** A client that calls a path or method the API does not have gets a JSON error, never the UI's page with 200. */
@QuarkusTest
class UnknownApiPathTest {

    @Test
    void an_unknown_path_under_api_is_a_json_404_for_every_method() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
            asAdmin().contentType(ContentType.JSON).body("{}").request(method, "/api/no-such-endpoint")
                    .then().statusCode(404).contentType(startsWith("application/json"))
                    .body("status", equalTo(404)).body("message", containsString("/api/no-such-endpoint"));
        }
        asAdmin().get("/api/collections/1/no-such-part").then().statusCode(404).contentType(startsWith("application/json"));
    }

    @Test
    void a_known_path_with_a_method_it_does_not_take_is_a_json_405() {
        asAdmin().delete("/api/pipelines").then().statusCode(405).contentType(startsWith("application/json"))
                .body("status", equalTo(405));
        for (String[] call : new String[][] {{"PUT", "/api/collections"}, {"DELETE", "/api/collections"},
                {"PUT", "/api/collections/1"}, {"PATCH", "/api/audit"}}) {
            asAdmin().contentType(ContentType.JSON).body("{}").request(call[0], call[1]).then()
                    .statusCode(405).contentType(startsWith("application/json"))
                    .body("status", equalTo(405)).body("message", containsString("not allowed"));
        }
    }

    @Test
    void without_credentials_an_unknown_path_is_401_not_a_page() {
        given().get("/api/no-such-endpoint").then().statusCode(401);
    }
}
