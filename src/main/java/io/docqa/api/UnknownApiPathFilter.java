package io.docqa.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A request under /api that no REST resource matched reaches the servlet container, where the UI would answer it
 * with its HTML page and status 200, which a client takes for success. This filter answers it as the API answers
 * every error: JSON {"status","message"} with 404. (A known path with a method it does not accept is answered 405
 * by the REST layer itself.)
 */
@WebFilter(urlPatterns = {"/api", "/api/*"})
public class UnknownApiPathFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        response.setStatus(404);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String message = "No such API endpoint: " + request.getMethod() + " " + path
                + ". The endpoints are described at /q/openapi.";
        response.getWriter().write(JSON.writeValueAsString(new ApiDtos.ErrorResponse(404, message)));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
