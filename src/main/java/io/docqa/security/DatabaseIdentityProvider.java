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
 * are slowed down and then locked per account (by id) and client address ({@link LoginThrottle}); a locked address is refused
 * without checking the password. Unknown names and disabled accounts run bcrypt like a wrong password does.
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
        String address = clientAddress(http);
        return context.runBlocking(() -> {
            String username = request.getUsername();
            Optional<AppUser> found = users.findByUsername(username);
            LoginThrottle.SignInKey key = LoginThrottle.SignInKey.of(found, username);
            if (throttle.isLocked(key, address)) {
                throw refused(username, via, address, "locked");
            }
            // read before the password check: a reset during the check leaves this sign-in with an outdated epoch
            Optional<UserRepository.Session> session = formLogin ? users.session(username) : Optional.empty();
            String password = new String(request.getPassword().getPassword());
            // bcrypt runs for unknown names and disabled accounts too: every refusal costs the same
            boolean matches = found.isPresent() ? verified.matches(found.get().username(), password, found.get().passwordHash())
                    : verified.matchesNoAccount(password);
            Optional<AppUser> user = found.filter(u -> matches && u.enabled());
            if (user.isEmpty()) {
                AuthenticationFailedException refusal = refused(username, via, address, "bad credentials");
                holdBack.set(throttle.failed(key, address));
                throw refusal;
            }
            if (!throttle.succeeded(key, address)) { // locked by failures recorded while this password was checked
                throw refused(username, via, address, "locked");
            }
            String principal = user.get().username();
            if (formLogin) {
                if (session.isEmpty() || session.get().userId() != user.get().id()) {
                    throw refused(username, via, address, "account replaced during sign-in");
                }
                audit.record(username, AuditAction.SIGN_IN, null, null, Map.of("via", via, "address", address));
                principal = SessionPrincipal.of(principal, user.get().id(), session.get().epoch());
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(principal))
                    .addRole(user.get().role().name())
                    .build();
        }).onFailure(AuthenticationFailedException.class).call(() -> holdBack.get().isZero() ? Uni.createFrom().voidItem()
                // the refusal is held back on a timer, not by a sleeping worker thread
                : Uni.createFrom().voidItem().onItem().delayIt().by(holdBack.get()));
    }

    private AuthenticationFailedException refused(String username, String via, String address, String reason) {
        audit.record(username, AuditAction.SIGN_IN_FAILED, null, null,
                Map.of("via", via, "reason", reason, "address", address));
        return new AuthenticationFailedException();
    }

    /**
     * The client's address: the connection's peer, which Quarkus replaces by the address a proxy forwarded only when
     * {@code quarkus.http.proxy.proxy-address-forwarding} is on (an X-Forwarded-For header is otherwise ignored).
     */
    static String clientAddress(RoutingContext http) {
        if (http == null || http.request().remoteAddress() == null) {
            return "unknown";
        }
        String host = http.request().remoteAddress().hostAddress();
        return host == null ? http.request().remoteAddress().host() : host;
    }
}
