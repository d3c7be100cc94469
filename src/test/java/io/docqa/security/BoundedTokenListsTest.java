package io.docqa.security;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A user's token list is paged like every other list (default 100, at most 1,000, X-Total-Count), and one user
 * holds at most {@code docqa.security.tokens.max-live-per-user} (100) live tokens: one more is refused with 409.
 */
@QuarkusTest
class BoundedTokenListsTest {

    private static final String PASSWORD = "tess-password-1";

    @Inject
    Jdbi jdbi;

    private static Response createToken() {
        return given().auth().preemptive().basic("tess", PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "one more")).post("/api/tokens");
    }

    /** Tokens made directly in the database, as months of use would leave them: {@code live} of them unrevoked. */
    private void insertTokens(long userId, int live, int revoked) {
        jdbi.useHandle(h -> h.execute("INSERT INTO api_tokens(user_id, name, token_hash, revoked_at) "
                + "SELECT ?, 'old ' || g, encode(sha256(('tess-' || g)::bytea), 'hex'), "
                + "CASE WHEN g > ? THEN now() END FROM generate_series(1, ?) g", userId, live, live + revoked));
    }

    @Test
    void token_lists_are_paged_and_live_tokens_are_capped_per_user() {
        long userId = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", "tess", "password", PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        insertTokens(userId, 99, 150);

        createToken().then().statusCode(201);
        createToken().then().statusCode(409).body("message", containsString("100 live API tokens"));

        Response first = given().auth().preemptive().basic("tess", PASSWORD).get("/api/tokens");
        first.then().statusCode(200).header("X-Total-Count", "250");
        assertEquals(100, first.jsonPath().getList("").size(), "a default page, not every token");
        assertEquals(50, given().auth().preemptive().basic("tess", PASSWORD).queryParam("offset", 200)
                .queryParam("limit", 100).get("/api/tokens").then().statusCode(200).extract().jsonPath()
                .getList("").size());
        given().auth().preemptive().basic("tess", PASSWORD).queryParam("limit", 1001).get("/api/tokens").then()
                .statusCode(400);

        Response ofTess = asAdmin().get("/api/users/tess/tokens");
        ofTess.then().statusCode(200).header("X-Total-Count", "250");
        assertEquals(100, ofTess.jsonPath().getList("").size());

        long anyLive = first.jsonPath().getLong("[0].id");
        given().auth().preemptive().basic("tess", PASSWORD).delete("/api/tokens/" + anyLive).then().statusCode(204);
        createToken().then().statusCode(201);
    }
}
