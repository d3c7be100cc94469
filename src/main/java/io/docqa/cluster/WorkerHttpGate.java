package io.docqa.cluster;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A {@code worker} instance serves health and metrics only: every other HTTP request (the UI, the REST API, static
 * resources, the OpenAPI document) is refused with 503 and a JSON message, before authentication and before the
 * Vaadin servlet, so that a load balancer or a user who reaches a worker by mistake learns why.
 */
@ApplicationScoped
public class WorkerHttpGate {

    /** Runs before every other filter and handler (authentication included). */
    private static final int PRIORITY = 10_000;
    static final String MESSAGE = "{\"status\":503,\"message\":\"This DocQA instance is a worker (DOCQA_ROLE=worker): it"
            + " runs ingestion and serves only /q/health and /q/metrics. Send users to a web instance.\"}";

    void register(@Observes Filters filters, Instance instance) {
        if (instance.servesWeb()) {
            return;
        }
        filters.register(rc -> {
            if (served(rc.normalizedPath())) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(MESSAGE);
        }, PRIORITY);
    }

    /** What a worker serves: health probes and metrics. */
    static boolean served(String path) {
        return path.equals("/q/health") || path.startsWith("/q/health/") || path.equals("/q/metrics")
                || path.startsWith("/q/metrics/");
    }
}
