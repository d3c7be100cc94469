package io.docqa.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A small OpenID Connect issuer over real HTTP for tests: it serves the discovery document
 * ({@code /.well-known/openid-configuration}) and its public keys ({@code /jwks}), and signs access tokens (RS256,
 * jose4j) with its own RSA key, as an identity provider would. Quarkus OIDC fetches discovery and keys from it and
 * verifies the tokens like those of Keycloak or Entra ID. {@link #tokenSignedByAnotherKey} makes a forged one,
 * {@link #tokenClaimingIssuer} one that names another issuer. {@link Resource} starts one for a test profile.
 */
public final class OidcIssuer implements AutoCloseable {

    /** The audience (client id) tokens are issued for. */
    public static final String AUDIENCE = "docqa";
    private static final String PATH = "/realms/docqa";

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final AtomicInteger keyRequests = new AtomicInteger();

    private OidcIssuer() throws IOException, JoseException {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key-1");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH + "/.well-known/openid-configuration", e -> send(e, "{\"issuer\":\"" + issuer()
                + "\",\"jwks_uri\":\"" + issuer() + "/jwks\",\"token_endpoint\":\"" + issuer() + "/token\","
                + "\"authorization_endpoint\":\"" + issuer() + "/auth\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext(PATH + "/jwks", e -> {
            keyRequests.incrementAndGet();
            send(e, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
        server.start();
    }

    public static OidcIssuer start() {
        try {
            return new OidcIssuer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer URL ({@code iss} of its tokens, and Quarkus' {@code quarkus.oidc.auth-server-url}). */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** How often its public keys were fetched: proof that a verifier asked this issuer. */
    public int keyRequests() {
        return keyRequests.get();
    }

    /** Quarkus settings that make DocQA accept this issuer's access tokens. */
    public Map<String, String> quarkusConfig() {
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", issuer(),
                "quarkus.oidc.client-id", AUDIENCE, "quarkus.oidc.application-type", "service",
                "quarkus.oidc.token.audience", AUDIENCE);
    }

    /** An access token for {@code subject}, named {@code username}, in {@code groups}, valid for ten minutes. */
    public String accessToken(String subject, String username, List<String> groups) {
        return sign(claims(subject, username, groups, 600), key);
    }

    /**
     * A token signed with this issuer's key but naming {@code claimedIssuer} as its issuer (to show that the issuer
     * claim is checked, not only the signature).
     */
    public String tokenClaimingIssuer(String claimedIssuer, String subject, String username, List<String> groups) {
        JwtClaims c = claims(subject, username, groups, 600);
        c.setIssuer(claimedIssuer);
        return sign(c, key);
    }

    /** A token that expired a quarter of an hour ago (beyond any clock-skew allowance). */
    public String expiredToken(String subject, String username, List<String> groups) {
        return sign(claims(subject, username, groups, -900), key);
    }

    /** A token with this issuer's claims and key id, signed by another key: what a forger can make. */
    public String tokenSignedByAnotherKey(String subject, String username, List<String> groups) {
        try {
            RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
            other.setKeyId(key.getKeyId());
            return sign(claims(subject, username, groups, 600), other);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private JwtClaims claims(String subject, String username, List<String> groups, int validSeconds) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer());
        c.setAudience(AUDIENCE);
        c.setSubject(subject);
        c.setClaim("preferred_username", username);
        c.setStringListClaim("groups", groups);
        long now = System.currentTimeMillis() / 1000;
        c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(now, now + validSeconds - 60)));
        c.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + validSeconds));
        c.setGeneratedJwtId();
        return c;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey with) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(with.getPrivateKey());
        jws.setKeyIdHeaderValue(with.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange e, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", "application/json");
        e.sendResponseHeaders(200, body.length);
        e.getResponseBody().write(body);
        e.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Runs an {@link OidcIssuer} for the application of a test profile: OIDC on (hybrid, as in docs/security.md),
     * pointed at the issuer, which is injected into the test's fields of that type.
     */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private OidcIssuer issuer;

        @Override
        public Map<String, String> start() {
            issuer = OidcIssuer.start();
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", issuer.issuer(),
                    "quarkus.oidc.client-id", AUDIENCE,
                    "quarkus.oidc.credentials.secret", "local-test-secret",
                    "quarkus.oidc.application-type", "hybrid",
                    "docqa.security.oidc.groups-claim", "groups",
                    "docqa.security.oidc.username-claim", "preferred_username");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(issuer, new TestInjector.MatchesType(OidcIssuer.class));
        }

        @Override
        public void stop() {
            if (issuer != null) {
                issuer.close();
            }
        }
    }
}
