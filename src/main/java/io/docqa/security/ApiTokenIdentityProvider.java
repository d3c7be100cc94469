package io.docqa.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs in the owner of a personal API token; the token is checked against the database on every request (revoked,
 * expired, owner disabled: refused). The identity records the token ({@link SignedInWith}).
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenAuthenticationRequest> {

    private final ApiTokenRepository tokens;

    public ApiTokenIdentityProvider(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<ApiTokenAuthenticationRequest> getRequestType() {
        return ApiTokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiTokenRepository.TokenOwner owner = tokens.authenticate(request.token())
                    .orElseThrow(AuthenticationFailedException::new);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(owner.user().username()))
                    .addRole(owner.user().role().name())
                    .addAttribute(SignedInWith.ATTRIBUTE, new SignedInWith(owner.tokenId(), owner.canCreateTokens()))
                    .build();
        });
    }
}
