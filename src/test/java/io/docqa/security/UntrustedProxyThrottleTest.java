package io.docqa.security;

import static io.docqa.security.LoginThrottleTest.failures;
import static io.docqa.security.PermissionAttackTest.createUser;
import static io.docqa.security.TrustedProxyThrottleTest.MAX;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * With address forwarding on but the connection coming from an address that is not a trusted proxy, an
 * {@code X-Forwarded-For} header is ignored: a client cannot escape its lock by claiming another address.
 */
@QuarkusTest
@TestProfile(UntrustedProxyThrottleTest.OtherProxyTrusted.class)
class UntrustedProxyThrottleTest {

    public static class OtherProxyTrusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TrustedProxyThrottleTest.forwardingFrom("192.0.2.250");
        }
    }

    @Inject
    Jdbi jdbi;
    @Inject
    UserRepository users;

    @Test
    void a_forwarded_address_from_an_untrusted_peer_is_ignored() {
        createUser("quinn", "READER");
        for (int i = 0; i < MAX; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i).auth().preemptive().basic("quinn", "wrong-guess")
                    .get("/api/collections").then().statusCode(401);
        }
        assertEquals(MAX, failures(jdbi, users, "quinn", "127.0.0.1"), "every guess counted against the connection");
        given().header("X-Forwarded-For", "192.0.2.99").auth().preemptive().basic("quinn", PermissionAttackTest.PASSWORD)
                .get("/api/collections").then().statusCode(401);
    }
}
