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
 * also poll, so work queued by another instance or left over from a crash is picked up.
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
    private final Instance instance;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pool;

    public IngestWorker(JobProcessor pipeline, IngestConfig config, JobRepository jobs,
            JobsConfig jobsConfig, ChunkStatistics statistics, Instance instance) {
        this.instance = instance;
        this.statistics = statistics;
        this.pipeline = pipeline;
        this.config = config;
        this.jobs = jobs;
        this.jobsConfig = jobsConfig;
    }

    void onStart(@Observes StartupEvent event) {
        if (!instance.runsWorkers()) {
            return; // a web instance leaves the queue to the instances that ingest
        }
        int requeued = jobs.resumeInterrupted(jobsConfig.maxAttempts());
        if (requeued > 0) {
            LOG.infof("Resuming %d document(s) whose ingestion was interrupted", requeued);
        }
        int workers = Math.max(1, config.workers());
        running.set(true);
        pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ingest-", 1).daemon().factory());
        for (int i = 0; i < workers; i++) {
            pool.submit(this::loop);
        }
    }

    /**
     * Stops taking work, lets documents in progress finish for a few seconds (then interrupts them: they are resumed
     * at the next start). The index follower then brings Lucene up to date (see ingest.index.IndexFollower).
     */
    void onStop(@Observes ShutdownEvent event) {
        running.set(false);
        if (pool != null) {
            wakeUp.release(Math.max(1, config.workers())); // idle workers see the stop at once
            pool.shutdown();
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
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
                    pipeline.process(next.get().documentId(), next.get().attempt());
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
