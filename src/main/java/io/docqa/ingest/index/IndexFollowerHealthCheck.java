package io.docqa.ingest.index;

import io.docqa.ingest.index.IndexFollower.Status;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when this instance's Lucene index has been built and applies PostgreSQL's changes within
 * {@code docqa.ingest.index.max-ready-lag}; the data shows how far it is (applied, head, lag). Liveness does not
 * depend on it: a bootstrapping instance is alive.
 */
@Readiness
@ApplicationScoped
public class IndexFollowerHealthCheck implements HealthCheck {

    private final IndexFollower follower;

    public IndexFollowerHealthCheck(IndexFollower follower) {
        this.follower = follower;
    }

    @Override
    public HealthCheckResponse call() {
        Status s = follower.status();
        return HealthCheckResponse.named("lucene-follower").status(follower.isReady(s))
                .withData("bootstrapping", s.bootstrapping())
                .withData("applied", s.applied())
                .withData("head", s.head())
                .withData("lag", s.lag())
                .build();
    }
}
