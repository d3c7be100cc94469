package io.docqa.security.oidc;

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
 * Turns an OpenID Connect sign-in into a DocQA user: creates the local account on first sign-in (with an unusable
 * random password), sets its role and replaces its collection memberships with those the IdP groups grant
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
            var existing = users.findByUsername(username);
            if (existing.isPresent() && !existing.get().enabled()) {
                throw new AuthenticationFailedException();
            }
            if (existing.isEmpty()) {
                users.create(username, Passwords.hash(Passwords.random()), mapping.role());
                audit.record(username, AuditAction.USER_CREATED, null, username, Map.of("via", "oidc", "role", mapping.role().name()));
            } else if (existing.get().role() != mapping.role()) {
                users.setRole(username, mapping.role());
            }
            memberships.replaceAll(username, mapping.memberships(), "oidc");
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(username))
                    .addRole(mapping.role().name())
                    .addAttributes(identity.getAttributes())
                    .addCredentials(identity.getCredentials())
                    .build();
        });
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
