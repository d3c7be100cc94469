package io.docqa.retrieve.bm25;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the Lucene index can be searched (the database has its own check). */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    private final Bm25Retriever bm25;

    public IndexHealthCheck(Bm25Retriever bm25) {
        this.bm25 = bm25;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("lucene-index").status(bm25.isHealthy()).build();
    }
}
