package io.docqa.ui;

import io.docqa.app.users.UserService;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.security.SessionPrincipal;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * Signs out: ends the user's form-login sessions on the server (a copy of the cookie replayed later is refused),
 * drops the cookie and the UI session, then shows the login view.
 */
@WebServlet(urlPatterns = "/logout")
public class LogoutServlet extends HttpServlet {

    /** Name of Quarkus' form authentication cookie (quarkus.http.auth.form.cookie-name). */
    static final String CREDENTIAL_COOKIE = "quarkus-credential";

    @Inject
    UserService users;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Principal principal = req.getUserPrincipal();
        if (principal != null) {
            users.signOut(new Caller(SessionPrincipal.username(principal.getName()), Role.READER));
        }
        HttpSession session = req.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Cookie cookie = new Cookie(CREDENTIAL_COOKIE, "");
        cookie.setPath("/");
        cookie.setMaxAge(0);
        cookie.setHttpOnly(true);
        resp.addCookie(cookie);
        resp.sendRedirect("/login");
    }
}
