package io.docqa.review;

import io.docqa.cluster.Instance;
import io.docqa.corpus.DocumentRepository;
import io.docqa.review.cell.CellAnswer;
import io.docqa.review.cell.CellAnswerer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The cell workers of this instance ({@code docqa.review.workers} threads, on instances whose role runs workers) and
 * the leases of the cells they hold: each worker claims a queued cell, answers it from its own document and writes
 * the answer under its claim. A heartbeat renews the leases of held cells every third of the lease; every instance
 * re-queues cells whose lease ran out every reaper interval, so a run resumes after a crash or a restart. A cell
 * whose answerer throws is retried with a growing delay, then ends in status error.
 */
@ApplicationScoped
public class ReviewWorker {

    private static final Logger LOG = Logger.getLogger(ReviewWorker.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final CellQueue queue;
    private final CellAnswerer answerer;
    private final DocumentRepository documents;
    private final ReviewConfig config;
    private final Instance instance;
    private final Set<CellQueue.Key> held = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pool;
    private ScheduledExecutorService timer;

    public ReviewWorker(CellQueue queue, CellAnswerer answerer, DocumentRepository documents, ReviewConfig config,
            Instance instance) {
        this.queue = queue;
        this.answerer = answerer;
        this.documents = documents;
        this.config = config;
        this.instance = instance;
    }

    void onStart(@Observes StartupEvent event) {
        int own = queue.recoverOwn();
        if (own > 0) {
            LOG.infof("Resuming %d review cell(s) this instance (%s) was computing when it stopped", own, instance.id());
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("review-leases").daemon().factory());
        long heartbeat = Math.max(100, config.lease().toMillis() / 3);
        long reaper = Math.max(100, config.reaperInterval().toMillis());
        timer.scheduleWithFixedDelay(this::renewQuietly, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::reapQuietly, reaper, reaper, TimeUnit.MILLISECONDS);
        if (!instance.runsWorkers() || config.workers() <= 0) {
            LOG.infof("This instance computes no review cells (role %s, %d workers)", instance.role(), config.workers());
            return;
        }
        running.set(true);
        pool = Executors.newFixedThreadPool(config.workers(), Thread.ofPlatform().name("review-", 1).daemon().factory());
        for (int i = 0; i < config.workers(); i++) {
            pool.submit(this::loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running.set(false);
        if (timer != null) {
            timer.shutdownNow();
        }
        if (pool != null) {
            wakeUp.release(config.workers());
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
                queue.recoverOwn(); // cells not finished go back to the queue at once; late writes are refused
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) { // their leases run out and another instance takes them then
                LOG.warn("Could not hand unfinished review cells back to the queue", e);
            }
        }
    }

    /** Tells idle workers that cells were queued. */
    public void wakeUp() {
        if (running.get()) {
            wakeUp.release(config.workers());
        }
    }

    /** One sweep of the reaper; returns how many cells of stopped instances were queued again or ended. */
    public int reap() {
        int taken = queue.reapExpired();
        if (taken > 0) {
            LOG.infof("Took over %d review cell(s) whose instance stopped (lease ran out)", taken);
            wakeUp();
        }
        return taken;
    }

    private void loop() {
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<CellQueue.Claim> next = queue.claimNext();
                if (next.isPresent()) {
                    compute(next.get());
                } else {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                LOG.error("Review cell worker failed; retrying", e);
                sleepQuietly(config.pollInterval());
            }
        }
    }

    private void compute(CellQueue.Claim claim) {
        held.add(claim.key());
        try {
            if (documents.findById(claim.documentId()).isEmpty()) {
                queue.documentGone(claim);
                return;
            }
            CellAnswer answer;
            try {
                answer = answerer.answer(claim.documentId(), claim.column());
            } catch (RuntimeException e) {
                if (documents.findById(claim.documentId()).isEmpty()) {
                    queue.documentGone(claim);
                    return;
                }
                LOG.warnf(e, "Review %d: the cell of document %d, column %s failed (attempt %d)", claim.reviewId(),
                        claim.documentId(), claim.column().key(), claim.attempt());
                queue.failed(claim, "Could not compute this cell: " + e.getMessage(), backoff(claim.attempt()));
                return;
            }
            if (answer == null || answer.status() == null) {
                answer = CellAnswer.error("The answerer gave no answer.");
            }
            if (!queue.complete(claim, answer)) {
                LOG.debugf("Review %d: the cell of document %d, column %s was cancelled or taken over meanwhile",
                        claim.reviewId(), claim.documentId(), claim.column().key());
            }
        } finally {
            held.remove(claim.key());
        }
    }

    private static Duration backoff(int attempt) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(10, Math.max(0, attempt - 1)));
        return d.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : d;
    }

    private void renewQuietly() {
        try {
            queue.renew(Set.copyOf(held));
        } catch (RuntimeException e) { // the next beat tries again; the lease outlives two missed beats
            LOG.warn("Could not renew the leases of this instance's review cells", e);
        }
    }

    private void reapQuietly() {
        try {
            reap();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for review cells of stopped instances", e);
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
