package io.docqa.security.oidc;

import io.docqa.corpus.DuplicateNameException;
import io.docqa.security.AppUser;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Passwords;
import io.docqa.security.UserRepository;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns an OpenID Connect sign-in into a DocQA user: the account bound to the token's issuer and subject, created on
 * first sign-in (with an unusable random password) and never merged into an account of the same name; it sets its role and replaces its collection memberships with those the IdP groups grant
 * ({@link OidcGroupMapping}), so that retrieval filters read them like any other membership. Identities from form
 * login, HTTP Basic and API tokens pass unchanged. A disabled local account stays locked out.
 */
@ApplicationScoped
public class OidcIdentityAugmentor implements SecurityIdentityAugmentor {

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final AuditLog audit;
    private final OidcConfig config;

    public OidcIdentityAugmentor(UserRepository users, MembershipRepository memberships, AuditLog audit, OidcConfig config) {
        this.users = users;
        this.memberships = memberships;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            Object claimed = jwt.getClaim(config.usernameClaim());
            String username = claimed == null ? jwt.getName() : claimed.toString();
            Set<String> groups = jwt.getGroups() != null && !jwt.getGroups().isEmpty() ? jwt.getGroups() : groupsClaim(jwt);
            OidcGroupMapping mapping = OidcGroupMapping.of(groups, config.groupPrefix());
            AppUser user = account(jwt.getIssuer(), jwt.getSubject(), username, mapping);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(user.username()))
                    .addRole(mapping.role().name())
                    .addAttributes(identity.getAttributes())
                    .addCredentials(identity.getCredentials())
                    .build();
        });
    }

    /**
     * The DocQA account of the IdP identity {@code issuer} + {@code subject}, created on its first sign-in under the
     * name it claims, with the role and memberships its groups grant. The account is found by issuer and subject
     * only: a later change of the name claim does not move the identity to another account, and a claimed name
     * that already belongs to another account (a local one, or another identity's) is refused, never merged.
     * A disabled account stays locked out.
     */
    public AppUser account(String issuer, String subject, String username, OidcGroupMapping mapping) {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank() || username == null
                || username.isBlank()) {
            throw refused(username, "token without issuer, subject or name");
        }
        AppUser user = users.findByOidcIdentity(issuer, subject).orElse(null);
        if (user == null) {
            var sameName = users.findByUsername(username);
            if (sameName.isPresent()) {
                // only an account an OIDC sign-in created before accounts were bound (V19) is bound, once
                if (!users.bindUnboundOidc(sameName.get().id(), issuer, subject)) {
                    throw refused(username, "name belongs to another account");
                }
                user = sameName.get();
            } else {
                try {
                    user = users.createOidc(username, Passwords.hash(Passwords.random()), mapping.role(), issuer, subject);
                } catch (DuplicateNameException e) {
                    throw refused(username, "name belongs to another account");
                }
                audit.record(username, AuditAction.USER_CREATED, null, username,
                        Map.of("via", "oidc", "role", mapping.role().name(), "issuer", issuer, "subject", subject));
            }
        }
        if (!user.enabled()) {
            throw refused(user.username(), "disabled");
        }
        if (user.role() != mapping.role()) {
            users.setRole(user.username(), mapping.role());
        }
        memberships.replaceAll(user.username(), mapping.memberships(), "oidc");
        return users.findById(user.id()).orElseThrow(AuthenticationFailedException::new);
    }

    private AuthenticationFailedException refused(String username, String reason) {
        audit.record(username, AuditAction.SIGN_IN_FAILED, null, null, Map.of("via", "oidc", "reason", reason));
        return new AuthenticationFailedException();
    }

    private Set<String> groupsClaim(JsonWebToken jwt) {
        Object value = jwt.getClaim(config.groupsClaim());
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(o -> o.toString().replace("\"", "")).collect(java.util.stream.Collectors.toSet());
        }
        if (value instanceof jakarta.json.JsonArray a) {
            return a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .collect(java.util.stream.Collectors.toSet());
        }
        return Set.of();
    }

}
