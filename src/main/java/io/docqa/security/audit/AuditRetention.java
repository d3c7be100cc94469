package io.docqa.security.audit;

import io.docqa.cluster.ClusterLocks;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Purges audit entries older than {@code docqa.security.audit.retention}, hourly and once at start; among several
 * instances only the one that leads the task ({@link ClusterLocks}) purges.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);
    /** The cluster-wide task name of the purge. */
    public static final String TASK = "audit-retention";

    private final AuditLog audit;
    private final AuditConfig config;
    private final ClusterLocks locks;
    private final Clock clock = Clock.systemUTC();

    public AuditRetention(AuditLog audit, AuditConfig config, ClusterLocks locks) {
        this.audit = audit;
        this.config = config;
        this.locks = locks;
    }

    @Scheduled(every = "1h", delay = 10, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (locks.lead(TASK)) {
            purge();
        }
    }

    /** Runs the purge now; returns the number of entries removed. */
    public int purge() {
        Instant cutoff = Instant.now(clock).minus(config.retention());
        int removed = audit.purgeBefore(cutoff);
        if (removed > 0) {
            LOG.infof("Purged %d audit entries older than %s", removed, cutoff);
            audit.record(null, AuditAction.AUDIT_PURGED, null, null, Map.of("removed", removed, "before", cutoff.toString()));
        }
        return removed;
    }
}
