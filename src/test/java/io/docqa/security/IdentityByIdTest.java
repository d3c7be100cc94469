package io.docqa.security;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.security.oidc.OidcGroupMapping;
import io.docqa.security.oidc.OidcIdentityAugmentor;
import io.docqa.testing.Api;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Identity is the account's id, not its name: what a deleted user owned goes with the account, and a new account
 * given the same name starts with nothing (no membership, no token, no conversation, no signed-in browser); audit
 * rows keep the old account's id. OpenID Connect identities are bound by issuer and subject, never merged into an
 * account of the same name.
 */
@QuarkusTest
class IdentityByIdTest {

    private static final String PASSWORD = "bob-password-1";
    private static final String FORM_COOKIE = "quarkus-credential";

    @Inject
    OidcIdentityAugmentor oidc;
    @Inject
    UserRepository users;
    @Inject
    Jdbi jdbi;

    private static long createUser(String name) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static io.restassured.specification.RequestSpecification as(String name) {
        return given().auth().preemptive().basic(name, PASSWORD);
    }

    private static String signIn(String name) {
        String cookie = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", name).formParam("password", PASSWORD)
                .post("/j_security_check").then().statusCode(302).extract().cookie(FORM_COOKIE);
        assertNotNull(cookie, "signed in");
        return cookie;
    }

    private static Response page(String cookie) {
        return given().redirects().follow(false).cookie(FORM_COOKIE, cookie).get("/account/tokens");
    }

    @Test
    void a_re_created_user_name_gets_nothing_of_the_deleted_account() {
        long collection = Api.createCollection("identity-robert");
        long oldId = createUser("robert");
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + collection + "/members/robert").then().statusCode(204);
        String token = as("robert").contentType(ContentType.JSON).body(Map.of("name", "script")).post("/api/tokens")
                .then().statusCode(201).extract().path("token");
        as("robert").contentType(ContentType.JSON).body(Map.of("title", "robert's notes")).post("/api/conversations")
                .then().statusCode(201);
        String cookie = signIn("robert");
        assertEquals(200, page(cookie).statusCode(), "the old robert is signed in");

        asAdmin().delete("/api/users/robert").then().statusCode(204);
        long newId = createUser("robert");
        assertNotEquals(oldId, newId);

        List<String> members = asAdmin().get("/api/collections/" + collection + "/members").then().statusCode(200)
                .extract().jsonPath().getList("username");
        assertTrue(!members.contains("robert"), "no membership: " + members);
        int read = as("robert").get("/api/collections/" + collection).statusCode();
        assertTrue(read == 403 || read == 404, "the collection is not readable: " + read);
        given().header("Authorization", "Bearer " + token).get("/api/collections").then().statusCode(401);
        assertEquals(List.of(), as("robert").get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .getList(""), "no conversations");
        Response old = page(cookie);
        assertTrue(old.statusCode() == 302 && old.header("Location").contains("/login"),
                "the old robert's browser does not sign in the new robert: " + old.statusCode());
        assertEquals(0, as("robert").get("/api/tokens").then().statusCode(200).extract().jsonPath().getList("").size());

        long oldRows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE actor = 'robert' "
                + "AND actor_id = ?").bind(0, oldId).mapTo(Long.class).one());
        assertTrue(oldRows > 0, "the old account's audit rows keep its id");
        List<Map<String, Object>> entries = asAdmin().queryParam("actor", "robert").get("/api/audit").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertTrue(entries.stream().anyMatch(e -> ((Number) e.get("actorId")).longValue() == oldId), entries.toString());
    }

    @Test
    void an_oidc_identity_never_takes_over_a_local_account_of_the_same_name() {
        long local = createUser("olivia");
        OidcGroupMapping admin = OidcGroupMapping.of(List.of("docqa-admin"), "docqa");
        assertThrows(AuthenticationFailedException.class,
                () -> oidc.account("https://idp.example/realms/a", "sub-olivia", "olivia", admin));
        AppUser still = users.findById(local).orElseThrow();
        assertEquals(Role.READER, still.role(), "the local account keeps its role");
        as("olivia").get("/api/collections").then().statusCode(200);
    }

    @Test
    void an_oidc_identity_is_its_issuer_and_subject_whatever_name_it_claims() {
        OidcGroupMapping reader = OidcGroupMapping.of(List.of(), "docqa");
        AppUser first = oidc.account("https://idp.example/realms/a", "sub-1", "carla", reader);
        AppUser renamed = oidc.account("https://idp.example/realms/a", "sub-1", "carla.smith", reader);
        assertEquals(first.id(), renamed.id(), "the same identity, whatever its name claim");
        assertEquals("carla", renamed.username());
        assertThrows(AuthenticationFailedException.class,
                () -> oidc.account("https://idp.example/realms/a", "sub-2", "carla", reader),
                "another subject claiming the name is refused");
        assertThrows(AuthenticationFailedException.class,
                () -> oidc.account("https://other-idp.example", "sub-1", "carla", reader),
                "the same subject at another issuer is another identity");
    }
}
