package io.docqa.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A real OpenID Connect issuer over HTTP on a free local port, for tests: the discovery document
 * ({@code /.well-known/openid-configuration}) and the signing keys (JWKS) that Quarkus' OIDC extension fetches, and
 * RS256 access tokens signed with its own key (jose4j). It issues tokens on request only (no login, no code flow):
 * tests mint the tokens a user would bring and send them as bearer tokens.
 * {@link Resource} starts one for a test profile, sets {@code quarkus.oidc.*} to it, and injects it into test
 * fields of this type.
 */
public final class LocalOidcIssuer implements AutoCloseable {

    /** The client id the application is configured with, and the audience of the tokens. */
    public static final String CLIENT_ID = "docqa";

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String issuer;

    private LocalOidcIssuer(HttpServer server, RsaJsonWebKey key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/docqa";
    }

    /** Starts an issuer with a fresh 2048-bit RSA signing key. */
    public static LocalOidcIssuer start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("local-" + Long.toHexString(System.nanoTime()));
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LocalOidcIssuer issuer = new LocalOidcIssuer(server, key);
            server.createContext("/realms/docqa/", issuer::serve);
            server.start();
            return issuer;
        } catch (JoseException | IOException e) {
            throw new IllegalStateException("Could not start the local OIDC issuer", e);
        }
    }

    /** The issuer identifier ({@code iss}), also the base of its endpoints. */
    public String issuer() {
        return issuer;
    }

    /** An access token of this issuer for the subject, claiming the name and groups, valid for five minutes. */
    public String token(String subject, String preferredUsername, List<String> groups) {
        return token(issuer, subject, preferredUsername, groups);
    }

    /**
     * A token signed with this issuer's key but naming {@code claimedIssuer} as its issuer (to show that the
     * issuer claim is checked, not only the signature).
     */
    public String token(String claimedIssuer, String subject, String preferredUsername, List<String> groups) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(claimedIssuer);
        claims.setSubject(subject);
        claims.setAudience(CLIENT_ID);
        claims.setClaim("azp", CLIENT_ID);
        claims.setClaim("preferred_username", preferredUsername);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(Duration.ofMinutes(5).toMinutes());
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.endsWith("/.well-known/openid-configuration")) {
            body = """
                    {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
                     "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                     "token_endpoint":"%1$s/protocol/openid-connect/token",
                     "response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer);
        } else if (path.endsWith("/protocol/openid-connect/certs")) {
            body = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Runs a {@link LocalOidcIssuer} for the application of a test profile: OIDC on (hybrid, as in
     * docs/security.md), pointed at the issuer, which is injected into the test's fields of that type.
     */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private LocalOidcIssuer issuer;

        @Override
        public Map<String, String> start() {
            issuer = LocalOidcIssuer.start();
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", issuer.issuer(),
                    "quarkus.oidc.client-id", CLIENT_ID,
                    "quarkus.oidc.credentials.secret", "local-test-secret",
                    "quarkus.oidc.application-type", "hybrid",
                    "docqa.security.oidc.groups-claim", "groups",
                    "docqa.security.oidc.username-claim", "preferred_username");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(issuer, new TestInjector.MatchesType(LocalOidcIssuer.class));
        }

        @Override
        public void stop() {
            if (issuer != null) {
                issuer.close();
            }
        }
    }
}
