package io.docqa.api;

import io.docqa.security.Caller;
import io.docqa.security.Role;
import jakarta.ws.rs.core.SecurityContext;

/** The {@link Caller} of a REST request, from its security context. */
final class Callers {

    private Callers() {
    }

    static Caller of(SecurityContext security) {
        String name = security.getUserPrincipal().getName();
        Role role = security.isUserInRole(Role.ADMIN.name()) ? Role.ADMIN
                : security.isUserInRole(Role.EDITOR.name()) ? Role.EDITOR : Role.READER;
        return new Caller(name, role);
    }
}
