package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Read-your-writes between PostgreSQL and Lucene. A document turns READY (or is deleted) in a PostgreSQL commit and
 * reaches Lucene a few milliseconds later, when the writer's catch-up commits the index. A client that sees READY and
 * searches at once must find the document, so writers count their PostgreSQL commits here, the catch-up reports how
 * far it got, and a lexical search first waits until every commit counted before it started has been applied. The
 * writer may gather changes for a moment before it applies them; a search that finds it behind asks it to apply them
 * at once ({@link #onBehind}).
 *
 * <p>Costs nothing when no change is in flight: the search compares two numbers.
 */
@ApplicationScoped
public class IndexVisibility {

    private static final Logger LOG = Logger.getLogger(IndexVisibility.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private long committed;
    private long applied;
    private Runnable whenBehind = () -> { };

    /** What to do when a search finds the index behind: the index writer asks to apply pending changes at once. */
    public synchronized void onBehind(Runnable action) {
        whenBehind = action;
    }

    /** Called right after a PostgreSQL transaction that recorded an index change has committed. */
    public synchronized void committed() {
        committed++;
    }

    /** How many changes have committed so far; a catch-up takes this before it reads the change log. */
    public synchronized long committedSoFar() {
        return committed;
    }

    /** A catch-up that started at {@code target} (see {@link #committedSoFar}) has finished, well or not. */
    public synchronized void applied(long target) {
        if (target > applied) {
            applied = target;
            notifyAll();
        }
    }

    /**
     * Waits until every change committed before this call is applied to Lucene (at most a few seconds, after which
     * the search goes ahead on what the index has). Returns the applied count, which changes whenever the index did.
     */
    public synchronized long awaitApplied() {
        long want = committed;
        if (applied >= want) {
            return applied;
        }
        whenBehind.run();
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        try {
            while (applied < want) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("Lucene has not caught up with PostgreSQL within %s; searching what it has", MAX_WAIT);
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
