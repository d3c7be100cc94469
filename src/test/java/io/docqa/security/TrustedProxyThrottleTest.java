package io.docqa.security;

import static io.docqa.security.LoginThrottleTest.failures;
import static io.docqa.security.PermissionAttackTest.createUser;
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
 * Behind a proxy the application trusts (Quarkus' proxy settings, here trusting the test client's address as the
 * proxy), the client address of login throttling is the one the proxy forwarded in {@code X-Forwarded-For}: wrong
 * guesses from one client lock that client out, not every user behind the proxy. {@link UntrustedProxyThrottleTest}
 * shows the header is ignored when it comes from an address that is not a trusted proxy.
 */
@QuarkusTest
@TestProfile(TrustedProxyThrottleTest.TrustedProxy.class)
class TrustedProxyThrottleTest {

    static final int MAX = 5; // docqa.security.lockout.max-failures default

    public static class TrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return forwardingFrom("127.0.0.1");
        }
    }

    /** Quarkus' proxy settings: X-Forwarded-For read, from connections of this proxy address only. */
    static Map<String, String> forwardingFrom(String trustedProxy) {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", trustedProxy);
    }

    @Inject
    Jdbi jdbi;
    @Inject
    UserRepository users;

    @Test
    void the_forwarded_client_address_is_the_one_locked_out() {
        createUser("pia", "READER");
        for (int i = 0; i < MAX; i++) {
            given().header("X-Forwarded-For", "198.51.100.7").auth().preemptive().basic("pia", "wrong-guess")
                    .get("/api/collections").then().statusCode(401);
        }
        assertEquals(MAX, failures(jdbi, users, "pia", "198.51.100.7"), "counted against the forwarded address");
        assertEquals(0, failures(jdbi, users, "pia", "127.0.0.1"), "not against the proxy's");
        given().header("X-Forwarded-For", "198.51.100.7").auth().preemptive().basic("pia", PermissionAttackTest.PASSWORD)
                .get("/api/collections").then().statusCode(401);
        given().header("X-Forwarded-For", "198.51.100.8").auth().preemptive().basic("pia", PermissionAttackTest.PASSWORD)
                .get("/api/collections").then().statusCode(200);
    }
}
