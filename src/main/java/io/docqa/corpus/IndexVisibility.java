package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Read-your-writes between PostgreSQL and this instance's Lucene index, across instances. A document turns READY (or
 * is deleted) in a PostgreSQL commit that also records a change number in the {@link IndexChangeLog}; every instance
 * applies the log to its own index a moment later. A lexical search first reads the newest committed change number
 * (the watermark, one index probe in PostgreSQL) and waits until this instance's index has applied it, so a client
 * that saw READY — on any instance — finds the document. The follower may gather changes for a moment before it
 * applies them; a search that finds it behind asks it to apply them at once ({@link #onBehind}).
 *
 * <p>The wait is bounded ({@value #MAX_WAIT_SECONDS} s): after that, or when an apply failed, the search goes ahead
 * on what the index has.
 */
@ApplicationScoped
public class IndexVisibility {

    private static final Logger LOG = Logger.getLogger(IndexVisibility.class);
    private static final long MAX_WAIT_SECONDS = 5;

    private final LongSupplier watermark;
    private long applied;
    private long failures;
    private Runnable whenBehind = () -> { };

    @Inject
    public IndexVisibility(IndexChangeLog changes) {
        this(changes::lastSeq);
    }

    /** With the newest committed change number read from {@code watermark}. */
    public IndexVisibility(LongSupplier watermark) {
        this.watermark = watermark;
    }

    /** What to do when a search finds the index behind: the follower applies pending changes at once. */
    public synchronized void onBehind(Runnable action) {
        whenBehind = action;
    }

    /** The index has committed every change up to {@code seq}. */
    public synchronized void applied(long seq) {
        if (seq > applied) {
            applied = seq;
            notifyAll();
        }
    }

    /** An apply failed: searches waiting for it go ahead at once (waiting longer would not help them). */
    public synchronized void failed() {
        failures++;
        notifyAll();
    }

    /** The change number this instance's index has applied. */
    public synchronized long appliedSeq() {
        return applied;
    }

    /**
     * Waits until every change committed in PostgreSQL before this call is applied to this instance's index (at
     * most a few seconds). Returns the applied change number, which changes whenever the index did.
     */
    public long awaitApplied() {
        long want = watermark.getAsLong();
        synchronized (this) {
            if (applied >= want) {
                return applied;
            }
            whenBehind.run();
            long failuresBefore = failures;
            Duration maxWait = Duration.ofSeconds(MAX_WAIT_SECONDS);
            long deadline = System.nanoTime() + maxWait.toNanos();
            try {
                while (applied < want && failures == failuresBefore) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warnf("The Lucene index has not applied change %d within %s (it is at %d); searching what it has",
                                want, maxWait, applied);
                        break;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return applied;
        }
    }
}
