package io.docqa.app.feedback;

import io.docqa.answer.feedback.AnswerFeedbackRepository;
import io.docqa.cluster.ClusterLocks;
import io.docqa.security.audit.AuditConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes recorded answers (with their feedback) older than the audit retention
 * ({@code docqa.security.audit.retention}), hourly; among several instances only the one that leads the task does.
 */
@ApplicationScoped
public class FeedbackRetention {

    private static final Logger LOG = Logger.getLogger(FeedbackRetention.class);

    private final AnswerFeedbackRepository repository;
    private final AuditConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ClusterLocks locks;

    public FeedbackRetention(AnswerFeedbackRepository repository, AuditConfig config, ClusterLocks locks) {
        this.locks = locks;
        this.repository = repository;
        this.config = config;
    }

    @Scheduled(every = "1h", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (locks.lead("feedback-retention")) {
            purge();
        }
    }

    /** Runs the deletion now; returns how many answers were removed. */
    public int purge() {
        Instant cutoff = Instant.now(clock).minus(config.retention());
        int removed = repository.purgeBefore(cutoff);
        if (removed > 0) {
            LOG.infof("Deleted %d recorded answers (and their feedback) older than %s", removed, cutoff);
        }
        return removed;
    }
}
