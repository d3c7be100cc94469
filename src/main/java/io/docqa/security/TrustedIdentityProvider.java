package io.docqa.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;

/**
 * Restores a signed-in user from the encrypted form-login cookie. The user is looked up again, so a disabled
 * or deleted account loses access on its next request, and the cookie's session epoch must still be the user's
 * ({@link SessionPrincipal}): after signing out, a password reset or disabling, an old cookie is refused. The cookie
 * names the account by id, so it never signs in a new account given a deleted user's name.
 */
@ApplicationScoped
public class TrustedIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final UserRepository users;

    public TrustedIdentityProvider(UserRepository users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String principal = request.getPrincipal();
            OptionalLong epoch = SessionPrincipal.epoch(principal);
            OptionalLong userId = SessionPrincipal.userId(principal);
            if (epoch.isEmpty() || userId.isEmpty()) {
                throw new AuthenticationFailedException();
            }
            AppUser user = users.findBySession(userId.getAsLong(), SessionPrincipal.username(principal),
                    epoch.getAsLong()).orElseThrow(AuthenticationFailedException::new);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(principal))
                    .addRole(user.role().name())
                    .build();
        });
    }
}
