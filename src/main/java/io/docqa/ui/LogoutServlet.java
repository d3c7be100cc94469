package io.docqa.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** Signs out: drops the form-login cookie and the UI session, then shows the login view. */
@WebServlet(urlPatterns = "/logout")
public class LogoutServlet extends HttpServlet {

    /** Name of Quarkus' form authentication cookie (quarkus.http.auth.form.cookie-name). */
    static final String CREDENTIAL_COOKIE = "quarkus-credential";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
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
