package io.docqa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Rights that are taken away are gone at once: a password reset, disabling and signing out end what the user
 * signed in with before (API tokens, form-login cookies, remembered Basic passwords); tokens expire, cannot mint
 * tokens unless allowed, and administrators can see and revoke anybody's.
 */
@QuarkusTest
class RightsTakenAwayTest {

    private static final String FORM_COOKIE = "quarkus-credential";

    @Inject
    DataSource dataSource;

    private static void createUser(String username, String password) {
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "role", "READER"))
                .post("/api/users").then().statusCode(201);
    }

    private static void patchUser(String username, Map<String, Object> change) {
        Api.asAdmin().contentType(ContentType.JSON).body(change).patch("/api/users/" + username).then().statusCode(200);
    }

    private static Response createToken(String username, String password, Map<String, Object> body) {
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON).body(body)
                .post("/api/tokens");
    }

    private static String token(String username, String password) {
        return createToken(username, password, Map.of("name", "script")).then().statusCode(201)
                .extract().path("token");
    }

    private static int withToken(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/collections").statusCode();
    }

    /** Signs in through the login form; returns the form-login cookie. */
    private static String signIn(String username, String password) {
        String cookie = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", username).formParam("password", password)
                .post("/j_security_check").then().statusCode(302).extract().cookie(FORM_COOKIE);
        assertNotNull(cookie, "signed in");
        return cookie;
    }

    /** 200 while the cookie signs the user in; the login redirect once it is refused. */
    private static Response page(String cookie) {
        return given().redirects().follow(false).cookie(FORM_COOKIE, cookie).get("/account/tokens");
    }

    private static void assertSignedIn(String cookie, String why) {
        assertEquals(200, page(cookie).statusCode(), why);
    }

    private static void assertSignedOut(String cookie, String why) {
        Response r = page(cookie);
        assertTrue(r.statusCode() == 401 || r.statusCode() == 302 && r.header("Location").contains("/login"),
                why + ": " + r.statusCode() + " " + r.header("Location"));
    }

    @Test
    void a_token_is_refused_after_its_owners_password_is_reset() {
        createUser("rta-reset", "first-password");
        String token = token("rta-reset", "first-password");
        assertEquals(200, withToken(token));
        patchUser("rta-reset", Map.of("password", "second-password"));
        assertEquals(401, withToken(token), "token issued before the reset");
        List<Map<String, Object>> listed = given().auth().preemptive().basic("rta-reset", "second-password")
                .get("/api/tokens").then().statusCode(200).extract().path("");
        assertNotNull(listed.get(0).get("revokedAt"), "the token is listed as revoked");
    }

    @Test
    void a_token_is_refused_after_its_owner_is_disabled_even_once_enabled_again() {
        createUser("rta-disabled", "first-password");
        String token = token("rta-disabled", "first-password");
        patchUser("rta-disabled", Map.of("enabled", false));
        assertEquals(401, withToken(token), "disabled");
        patchUser("rta-disabled", Map.of("enabled", true));
        assertEquals(401, withToken(token), "enabled again: the token stays revoked");
        assertEquals(200, withToken(token("rta-disabled", "first-password")), "a new token works");
    }

    @Test
    void basic_with_the_old_password_is_refused_after_a_reset_even_within_the_remembered_password_ttl() {
        createUser("rta-basic", "first-password");
        for (int i = 0; i < 2; i++) { // the second request is answered from the remembered check
            given().auth().preemptive().basic("rta-basic", "first-password").get("/api/collections").then().statusCode(200);
        }
        patchUser("rta-basic", Map.of("password", "second-password"));
        given().auth().preemptive().basic("rta-basic", "first-password").get("/api/collections").then().statusCode(401);
        given().auth().preemptive().basic("rta-basic", "second-password").get("/api/collections").then().statusCode(200);
    }

    @Test
    void a_form_login_session_ends_when_the_password_is_reset() {
        createUser("rta-form-reset", "first-password");
        String cookie = signIn("rta-form-reset", "first-password");
        assertSignedIn(cookie, "fresh sign-in");
        patchUser("rta-form-reset", Map.of("password", "second-password"));
        assertSignedOut(cookie, "cookie from before the reset");
        assertSignedIn(signIn("rta-form-reset", "second-password"), "signing in again");
    }

    @Test
    void a_form_login_session_ends_when_the_account_is_disabled_and_stays_ended_when_enabled_again() {
        createUser("rta-form-disabled", "first-password");
        String cookie = signIn("rta-form-disabled", "first-password");
        patchUser("rta-form-disabled", Map.of("enabled", false));
        assertSignedOut(cookie, "disabled");
        patchUser("rta-form-disabled", Map.of("enabled", true));
        assertSignedOut(cookie, "enabled again");
    }

    @Test
    void replaying_the_form_login_cookie_after_sign_out_is_sent_to_the_login_page() {
        createUser("rta-logout", "first-password");
        String cookie = signIn("rta-logout", "first-password");
        assertSignedIn(cookie, "fresh sign-in");
        given().redirects().follow(false).cookie(FORM_COOKIE, cookie).get("/logout").then().statusCode(302);
        assertSignedOut(cookie, "cookie replayed after sign-out");
        assertSignedIn(signIn("rta-logout", "first-password"), "signing in again");
    }

    @Test
    void the_ui_session_gets_a_new_id_at_sign_in() {
        createUser("rta-fixation", "first-password");
        String before = given().get("/login").then().statusCode(200).extract().cookie("JSESSIONID");
        assertNotNull(before, "the login page opens a UI session");
        String cookie = signIn("rta-fixation", "first-password");
        String after = given().redirects().follow(false).cookie("JSESSIONID", before).cookie(FORM_COOKIE, cookie)
                .get("/").then().statusCode(200).extract().cookie("JSESSIONID");
        assertNotNull(after, "a new session id is sent after sign-in");
        assertNotEquals(before, after);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        createUser("rta-expiry", "first-password");
        Response created = createToken("rta-expiry", "first-password", Map.of("name", "short-lived", "expiresInDays", 1));
        created.then().statusCode(201);
        String token = created.path("token");
        assertNotNull(created.path("expiresAt"), "the answer says when it expires");
        assertEquals(200, withToken(token), "before expiry");
        Sql.run(dataSource, "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = "
                + created.<Integer>path("id"));
        assertEquals(401, withToken(token), "after expiry");
        createToken("rta-expiry", "first-password", Map.of("name", "too long", "expiresInDays", 100_000))
                .then().statusCode(400);
    }

    @Test
    void a_request_signed_in_with_a_token_cannot_mint_a_token_unless_the_token_allows_it() {
        createUser("rta-mint", "first-password");
        String plain = token("rta-mint", "first-password");
        given().header("Authorization", "Bearer " + plain).contentType(ContentType.JSON)
                .body(Map.of("name", "minted")).post("/api/tokens").then().statusCode(403);

        String minter = createToken("rta-mint", "first-password", Map.of("name", "ci", "canCreateTokens", true))
                .then().statusCode(201).extract().path("token");
        String minted = given().header("Authorization", "Bearer " + minter).contentType(ContentType.JSON)
                .body(Map.of("name", "minted")).post("/api/tokens").then().statusCode(201).extract().path("token");
        assertEquals(200, withToken(minted));
    }

    @Test
    void an_administrator_lists_and_revokes_another_users_token() {
        createUser("rta-owner", "first-password");
        String token = token("rta-owner", "first-password");
        List<Map<String, Object>> listed = Api.asAdmin().get("/api/users/rta-owner/tokens").then().statusCode(200)
                .extract().path("");
        assertEquals(1, listed.size());
        assertEquals("script", listed.get(0).get("name"));
        assertEquals(null, listed.get(0).get("token"), "never the secret");
        Api.asAdmin().delete("/api/users/rta-owner/tokens/" + listed.get(0).get("id")).then().statusCode(204);
        assertEquals(401, withToken(token));

        createUser("rta-other", "first-password");
        given().auth().preemptive().basic("rta-other", "first-password").get("/api/users/rta-owner/tokens")
                .then().statusCode(403);
        Api.asAdmin().get("/api/users/rta-nobody/tokens").then().statusCode(404);
    }
}
