package io.docqa.ui;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.security.SessionPrincipal;
import java.security.Principal;

/**
 * The signed-in user of the current UI request. Taken from the servlet request (form-login cookie, re-checked
 * against the database on every request); kept in the Vaadin session for background callbacks (uploads) only: a
 * request without a signed-in user never falls back to it.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Caller get() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getUserPrincipal() != null) {
            Principal p = request.getUserPrincipal();
            Role role = request.isUserInRole(Role.ADMIN.name()) ? Role.ADMIN
                    : request.isUserInRole(Role.EDITOR.name()) ? Role.EDITOR : Role.READER;
            Caller caller = new Caller(SessionPrincipal.userId(p.getName()).orElse(0), SessionPrincipal.username(p.getName()),
                    role);
            VaadinSession session = VaadinSession.getCurrent();
            if (session != null) {
                session.setAttribute(Caller.class, caller);
            }
            return caller;
        }
        if (request != null) {
            // a request without a signed-in user never acts for the user a session once had
            throw new IllegalStateException("No signed-in user");
        }
        VaadinSession session = VaadinSession.getCurrent();
        Caller cached = session == null ? null : session.getAttribute(Caller.class);
        if (cached == null) {
            throw new IllegalStateException("No signed-in user");
        }
        return cached;
    }
}
