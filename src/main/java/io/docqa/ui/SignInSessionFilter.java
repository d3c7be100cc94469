package io.docqa.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * Against session fixation: the UI (servlet) session gets a new id on the first request after a sign-in, and a
 * session that belonged to another sign-in (or to a user who is signed out now) is thrown away. Quarkus' form login
 * runs before the servlet container and does not touch the servlet session, so this is done here.
 */
@WebFilter(urlPatterns = "/*")
public class SignInSessionFilter extends HttpFilter {

    /** Session attribute: the principal name (with its session epoch) the session was bound to at sign-in. */
    static final String SIGNED_IN_AS = "docqa.signed-in-as";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        Principal principal = req.getUserPrincipal();
        HttpSession session = req.getSession(false);
        if (session != null) {
            Object boundTo = session.getAttribute(SIGNED_IN_AS);
            String name = principal == null ? null : principal.getName();
            if (boundTo != null && !boundTo.equals(name)) {
                session.invalidate();
                session = principal == null ? null : req.getSession(true);
            } else if (boundTo == null && principal != null) {
                req.changeSessionId();
            }
            if (session != null && principal != null) {
                session.setAttribute(SIGNED_IN_AS, name);
            }
        }
        chain.doFilter(req, resp);
    }
}
