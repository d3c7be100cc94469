package io.docqa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HTTP Basic clients send the password with every request, so a checked password is remembered for a while. A change
 * of password, a disabled account or a deleted one must still take effect on the very next request.
 */
@QuarkusTest
class RememberedPasswordTest {

    private static int status(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/collections").statusCode();
    }

    private static void assertStatus(int expected, String user, String password, String why) {
        assertEquals(expected, status(user, password), why);
    }

    @Test
    void password_changes_disabling_and_deletion_apply_to_the_next_basic_request() {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", "remembered", "password", "first-password", "role", "READER"))
                .post("/api/users").then().statusCode(201);
        assertStatus(200, "remembered", "first-password", "right password");
        assertStatus(200, "remembered", "first-password", "right password again (remembered)");
        assertStatus(401, "remembered", "first-passwore", "wrong password right after a remembered right one");

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("password", "second-password"))
                .patch("/api/users/remembered").then().statusCode(200);
        assertStatus(401, "remembered", "first-password", "old password after a change");
        assertStatus(200, "remembered", "second-password", "new password");

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("enabled", false))
                .patch("/api/users/remembered").then().statusCode(200);
        assertStatus(401, "remembered", "second-password", "disabled account");

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("enabled", true))
                .patch("/api/users/remembered").then().statusCode(200);
        assertStatus(200, "remembered", "second-password", "enabled again");
        Api.asAdmin().delete("/api/users/remembered").then().statusCode(204);
        assertStatus(401, "remembered", "second-password", "deleted account");
    }
}
