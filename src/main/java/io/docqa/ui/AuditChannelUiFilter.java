package io.docqa.ui;

import io.docqa.app.audit.AuditService;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Marks every request of the web UI so that the audit entries written while serving it say they came through it. */
@WebFilter(urlPatterns = "/*")
public class AuditChannelUiFilter extends HttpFilter {

    @Inject
    AuditService audit;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        audit.markViaUi();
        chain.doFilter(req, resp);
    }
}
