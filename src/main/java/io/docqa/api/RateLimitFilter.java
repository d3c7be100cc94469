package io.docqa.api;

import io.docqa.security.RateLimiter;
import io.docqa.security.RateLimiter.Decision;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Per-user rate limit on ask and search (any path under /api/ask or /api/search): 429 with Retry-After. */
public class RateLimitFilter {

    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/ask") && !path.startsWith("/search") && !path.startsWith("/api/ask")
                && !path.startsWith("/api/search")) {
            return null;
        }
        SecurityContext security = request.getSecurityContext();
        if (security == null || security.getUserPrincipal() == null) {
            return null; // authentication answers first
        }
        Decision d = limiter.tryAcquire(security.getUserPrincipal().getName());
        if (d.allowed()) {
            return null;
        }
        long seconds = Math.max(1, (d.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(ExceptionMappers.json(429,
                "Too many questions or searches: wait " + seconds + " s and try again."))
                .header("Retry-After", seconds).build();
    }
}
