package io.docqa.security;

import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks user name and password against the users table; used by form login and HTTP Basic alike. Failed attempts
 * are slowed down and then locked ({@link LoginThrottle}); a locked name is refused without checking the password.
 * Failures are audited; successes only for form sign-in, since HTTP Basic signs in on every request. A form sign-in's
 * principal carries the user's session epoch, which the form cookie keeps ({@link SessionPrincipal}).
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final VerifiedPasswords verified;

    public DatabaseIdentityProvider(UserRepository users, LoginThrottle throttle, AuditLog audit,
            VerifiedPasswords verified) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
        this.verified = verified;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        boolean formLogin = http != null && http.normalizedPath().endsWith("j_security_check");
        String via = formLogin ? "form" : "basic";
        AtomicReference<Duration> holdBack = new AtomicReference<>(Duration.ZERO);
        return context.runBlocking(() -> {
            String username = request.getUsername();
            if (throttle.isLocked(username)) {
                throw refused(username, via, "locked");
            }
            // read before the password check: a reset during the check leaves this sign-in with an outdated epoch
            long epoch = formLogin ? users.sessionEpoch(username) : 0;
            String password = new String(request.getPassword().getPassword());
            Optional<AppUser> user = users.findByUsername(username)
                    .filter(AppUser::enabled)
                    .filter(u -> verified.matches(u.username(), password, u.passwordHash()));
            if (user.isEmpty()) {
                AuthenticationFailedException refusal = refused(username, via, "bad credentials");
                holdBack.set(throttle.failed(username));
                throw refusal;
            }
            if (!throttle.succeeded(username)) { // locked by failures recorded while this password was checked
                throw refused(username, via, "locked");
            }
            String principal = user.get().username();
            if (formLogin) {
                audit.record(username, AuditAction.SIGN_IN, null, null, Map.of("via", via));
                principal = SessionPrincipal.of(principal, epoch);
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(principal))
                    .addRole(user.get().role().name())
                    .build();
        }).onFailure(AuthenticationFailedException.class).call(() -> holdBack.get().isZero() ? Uni.createFrom().voidItem()
                // the refusal is held back on a timer, not by a sleeping worker thread
                : Uni.createFrom().voidItem().onItem().delayIt().by(holdBack.get()));
    }

    private AuthenticationFailedException refused(String username, String via, String reason) {
        audit.record(username, AuditAction.SIGN_IN_FAILED, null, null, Map.of("via", via, "reason", reason));
        return new AuthenticationFailedException();
    }
}
