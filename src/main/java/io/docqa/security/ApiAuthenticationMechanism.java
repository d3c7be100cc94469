package io.docqa.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Authentication of the REST API and the MCP server ({@code /api/*}, {@code /mcp}, selected by
 * {@code auth-mechanism=docqa-api}): a personal API token ({@code Authorization: Bearer dqa_...}), HTTP Basic, and,
 * when OpenID Connect is enabled, an access token of the identity provider ({@code Authorization: Bearer <JWT>}),
 * which Quarkus OIDC verifies (issuer, signature by the provider's keys, expiry) and {@code oidc.OidcIdentityAugmentor}
 * maps to the DocQA account. One mechanism for all, because a path accepts one named mechanism and these paths must
 * answer 401 (not a redirect to the login page) when credentials are missing.
 */
@ApplicationScoped
public class ApiAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The name used in {@code quarkus.http.auth.permission.*.auth-mechanism}. */
    public static final String SCHEME = "docqa-api";

    private static final String BEARER = "bearer ";
    private static final String BASIC = "basic ";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiAuthenticationMechanism.class);

    private final boolean oidcEnabled;

    public ApiAuthenticationMechanism(
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.tenant-enabled",
                    defaultValue = "true") boolean oidcEnabled) {
        this.oidcEnabled = oidcEnabled;
    }

    /** True for a compact JWS (three base64url parts): an identity provider's token, never a DocQA API token. */
    static boolean looksLikeJwt(String token) {
        return !token.startsWith(ApiTokenRepository.PREFIX) && token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        String lower = header.toLowerCase(java.util.Locale.ROOT);
        AuthenticationRequest request;
        if (lower.startsWith(BEARER)) {
            String token = header.substring(BEARER.length()).strip();
            request = oidcEnabled && looksLikeJwt(token)
                    ? new TokenAuthenticationRequest(new AccessTokenCredential(token))
                    : new ApiTokenAuthenticationRequest(token);
        } else if (lower.startsWith(BASIC)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            request = new UsernamePasswordAuthenticationRequest(decoded.substring(0, colon),
                    new PasswordCredential(decoded.substring(colon + 1).toCharArray()));
        } else {
            return Uni.createFrom().nullItem();
        }
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        if (request instanceof TokenAuthenticationRequest) {
            // an identity provider that cannot be reached (discovery, keys) makes the token unverifiable: 401 with
            // a logged reason, not a 500 from the depths of the OIDC extension
            return identities.authenticate(request).onFailure(e -> !(e instanceof AuthenticationFailedException))
                    .transform(e -> {
                        LOG.warnf("Could not verify an identity provider's token: %s", e.toString());
                        return new AuthenticationFailedException(e);
                    });
        }
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"DocQA\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenAuthenticationRequest.class, UsernamePasswordAuthenticationRequest.class,
                TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }

    /** Below form login and Basic, so that UI pages keep the login-page redirect as their challenge. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 500;
    }
}
