package io.docqa.api;

import io.docqa.app.audit.AuditService;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Marks every REST request so that the audit entries written while serving it say they came through the API. */
public class AuditChannelFilter {

    private final AuditService audit;

    public AuditChannelFilter(AuditService audit) {
        this.audit = audit;
    }

    @ServerRequestFilter
    public void markViaApi() {
        audit.markViaApi();
    }
}
