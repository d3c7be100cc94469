package io.docqa.mcp;

import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The {@link Caller} of a tool call, from the identity that authenticated its HTTP request. The services re-read the
 * user's current role and rights, so the role claimed here only names who is asking.
 */
final class McpCallers {

    private McpCallers() {
    }

    static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw io.docqa.app.UseCaseException.forbidden("Sign in: send your DocQA API token as Authorization: Bearer.");
        }
        Role role = identity.hasRole(Role.ADMIN.name()) ? Role.ADMIN
                : identity.hasRole(Role.EDITOR.name()) ? Role.EDITOR : Role.READER;
        return new Caller(identity.getPrincipal().getName(), role);
    }
}
