package io.docqa.ingest.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The leases of this instance's ingestion jobs and the reaper of everyone's: a heartbeat renews the jobs its workers
 * hold every third of the lease (a long parse reports no progress for minutes), and every instance, whatever its
 * role, re-queues jobs whose lease ran out (their instance is gone) every reaper interval. Both are single UPDATEs.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class);

    private final JobRepository jobs;
    private final JobsConfig config;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onRequeued = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    public JobLeases(JobRepository jobs, JobsConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-leases").daemon().factory());
        long heartbeat = Math.max(100, config.lease().toMillis() / 3);
        long reaper = Math.max(100, config.reaperInterval().toMillis());
        timer.scheduleWithFixedDelay(this::renewQuietly, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::reapQuietly, reaper, reaper, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A worker of this instance works on this document now: its lease is renewed until {@link #release}. */
    public void hold(long documentId) {
        held.add(documentId);
    }

    public void release(long documentId) {
        held.remove(documentId);
    }

    /** Called after a sweep queued documents again (workers are woken instead of waiting for their next poll). */
    public void onRequeued(Runnable listener) {
        onRequeued.add(listener);
    }

    /** Renews the leases of the jobs held here; returns how many. */
    public int renew() {
        return jobs.renew(List.copyOf(held));
    }

    /** One sweep of the reaper (see {@link JobRepository#reapExpired}). */
    public JobRepository.Recovered reap() {
        JobRepository.Recovered r = jobs.reapExpired(config.maxAttempts());
        if (r.total() > 0) {
            LOG.infof("Took over %d document(s) whose instance stopped (lease ran out): %d queued again, %d ended",
                    r.total(), r.requeued(), r.ended());
        }
        if (r.requeued() > 0) {
            onRequeued.forEach(Runnable::run);
        }
        return r;
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) { // the next beat tries again; the lease outlives two missed beats
            LOG.warn("Could not renew the leases of this instance's ingestion jobs", e);
        }
    }

    private void reapQuietly() {
        try {
            reap();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for ingestion jobs of stopped instances", e);
        }
    }
}
