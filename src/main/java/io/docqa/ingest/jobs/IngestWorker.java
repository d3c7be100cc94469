package io.docqa.ingest.jobs;

import io.docqa.cluster.Instance;
import io.docqa.corpus.ChunkStatistics;
import io.docqa.ingest.config.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Background workers that drain the durable queue (QUEUED documents in PostgreSQL). Uploads wake them; they
 * also poll, so work queued by another instance or taken over from a stopped one is picked up. Only instances
 * whose role runs workers ({@link Instance#runsWorkers()}) start them. A claimed job is held under this instance's
 * lease ({@link JobLeases}) until the worker is done with it.
 */
@ApplicationScoped
public class IngestWorker {

    private static final Logger LOG = Logger.getLogger(IngestWorker.class);
    private static final long POLL_SECONDS = 5;

    private final JobProcessor pipeline;
    private final IngestConfig config;
    private final JobRepository jobs;
    private final JobsConfig jobsConfig;
    private final ChunkStatistics statistics;
    private final JobLeases leases;
    private final Instance instance;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pool;

    public IngestWorker(JobProcessor pipeline, IngestConfig config, JobRepository jobs,
            JobsConfig jobsConfig, ChunkStatistics statistics, JobLeases leases,
            Instance instance) {
        this.leases = leases;
        this.instance = instance;
        this.statistics = statistics;
        this.pipeline = pipeline;
        this.config = config;
        this.jobs = jobs;
        this.jobsConfig = jobsConfig;
    }

    void onStart(@Observes StartupEvent event) {
        // Jobs held by live instances are theirs; those of stopped ones come back through the reaper when their lease
        // runs out. Only an earlier run under this very instance id (a configured one) is known to be gone already.
        JobRepository.Recovered own = jobs.recoverOwn(jobsConfig.maxAttempts());
        if (own.total() > 0) {
            LOG.infof("Resuming %d document(s) that this instance (%s) was processing when it stopped", own.total(),
                    instance.id());
        }
        if (!instance.runsWorkers()) {
            LOG.infof("Role %s: this instance runs no ingestion workers", instance.role());
            return;
        }
        leases.onRequeued(this::wakeUp);
        int workers = Math.max(1, config.workers());
        running.set(true);
        pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ingest-", 1).daemon().factory());
        for (int i = 0; i < workers; i++) {
            pool.submit(this::loop);
        }
    }

    /**
     * Stops taking work, lets documents in progress finish for {@code stop-grace} (then hands them back to the queue, so
     * that another instance takes them at once, and interrupts them; their late writes are refused). The index
     * follower then brings Lucene up to date (see ingest.index.IndexFollower).
     */
    void onStop(@Observes ShutdownEvent event) {
        running.set(false);
        if (pool != null) {
            wakeUp.release(Math.max(1, config.workers())); // idle workers see the stop at once
            pool.shutdown();
            try {
                boolean finished = pool.awaitTermination(jobsConfig.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
                // also when the workers ended in time: one may have left its document to the hand-back
                handBack();
                if (!finished) {
                    pool.shutdownNow();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handBack() {
        try {
            JobRepository.Recovered back = jobs.recoverOwn(jobsConfig.maxAttempts());
            if (back.total() > 0) {
                LOG.infof("Stopping: handed %d unfinished document(s) back to the queue", back.total());
            }
        } catch (RuntimeException e) { // their leases run out and another instance takes them then
            LOG.warn("Could not hand unfinished documents back to the queue", e);
        }
    }

    /** Tells idle workers that new work is queued. */
    public void wakeUp() {
        wakeUp.release(Math.max(1, config.workers()));
    }

    private void loop() {
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<JobRepository.Claim> next = jobs.claimNext();
                if (next.isPresent()) {
                    long id = next.get().documentId();
                    leases.hold(id);
                    try {
                        pipeline.process(id, next.get().attempt());
                    } finally {
                        leases.release(id);
                    }
                } else {
                    statistics.analyzeIfStale(config.analyzeAfterChunks()); // the queue is empty: a bulk ingest ended
                    wakeUp.tryAcquire(POLL_SECONDS, TimeUnit.SECONDS); // also picks up retries once they are due
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                LOG.error("Ingest worker failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(POLL_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
