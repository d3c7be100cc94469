package io.docqa.security.oidc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.security.AppUser;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import io.docqa.testing.Api;
import io.docqa.testing.OidcIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect against a live identity provider: a {@link OidcIssuer} serves its discovery document and keys
 * over HTTP, Quarkus' OIDC extension fetches them at start, and tokens the issuer signs are sent to {@code /api} as
 * bearer tokens. The account is the token's issuer and subject: a later name claim does not move it, a token from
 * another issuer (or claiming another issuer) is refused, and a name that belongs to a local account is never merged
 * into it. Basic sign-in keeps working beside OIDC.
 */
@QuarkusTest
@TestProfile(LiveOidcIssuerTest.WithIssuer.class)
class LiveOidcIssuerTest {

    public static class WithIssuer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcIssuer.Resource.class));
        }
    }

    OidcIssuer issuer;
    @Inject
    UserRepository users;

    @Test
    void a_token_signs_in_as_the_account_of_its_issuer_and_subject_whatever_name_it_claims_later() {
        String olivia = issuer.accessToken("sub-olivia", "olivia", List.of("docqa-admin"));
        bearer(olivia).get("/api/users").then().statusCode(200); // the ADMIN role its group grants
        AppUser account = users.findByOidcIdentity(issuer.issuer(), "sub-olivia").orElseThrow();
        assertEquals("olivia", account.username());

        String renamed = issuer.accessToken("sub-olivia", "olivia-renamed", List.of());
        bearer(renamed).get("/api/collections").then().statusCode(200);
        bearer(renamed).get("/api/users").then().statusCode(403); // same account, now a READER
        assertEquals(account.id(), users.findByOidcIdentity(issuer.issuer(), "sub-olivia").orElseThrow().id());
        assertEquals(Role.READER, users.findById(account.id()).orElseThrow().role());
        assertTrue(users.findByUsername("olivia-renamed").isEmpty(), "no second account for the new name");

        bearer(issuer.accessToken("sub-someone-else", "olivia", List.of("docqa-admin"))).get("/api/collections").then()
                .statusCode(401); // another subject claiming the bound name
    }

    @Test
    void a_token_of_another_issuer_is_refused() {
        try (OidcIssuer other = OidcIssuer.start()) {
            bearer(other.accessToken("sub-mallory", "mallory", List.of("docqa-admin"))).get("/api/collections").then()
                    .statusCode(401);
        }
        // signed with the trusted key but naming another issuer
        bearer(issuer.tokenClaimingIssuer("https://idp.example.org/realms/other", "sub-mallory", "mallory", List.of("docqa-admin")))
                .get("/api/collections").then().statusCode(401);
        String valid = issuer.accessToken("sub-mallory", "mallory", List.of());
        bearer(valid.substring(0, valid.length() - 4) + "AAAA").get("/api/collections").then().statusCode(401);
        assertTrue(users.findByUsername("mallory").isEmpty(), "no account for any refused token");
    }

    @Test
    void a_token_claiming_the_name_of_a_local_account_is_not_merged_into_it() {
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("username", "lena", "password", "correct-horse-42",
                "role", "READER")).post("/api/users").then().statusCode(201);
        bearer(issuer.accessToken("sub-lena", "lena", List.of("docqa-admin"))).get("/api/collections").then().statusCode(401);
        bearer(issuer.accessToken("sub-root", "admin", List.of("docqa-admin"))).get("/api/collections").then().statusCode(401);

        AppUser lena = users.findByUsername("lena").orElseThrow();
        assertEquals(Role.READER, lena.role(), "the local account keeps its role");
        assertTrue(users.findByOidcIdentity(issuer.issuer(), "sub-lena").isEmpty(), "and is not bound to the IdP");
        given().auth().preemptive().basic("lena", "correct-horse-42").get("/api/collections").then().statusCode(200);
        Api.asAdmin().get("/api/users").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
