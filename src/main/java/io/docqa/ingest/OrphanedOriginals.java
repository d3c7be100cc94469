package io.docqa.ingest;

import io.docqa.cluster.ClusterLocks;
import io.docqa.storage.OriginalsStore;
import io.docqa.storage.StoreUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Originals left in the store by a deletion that could not remove them (the store was down): recorded in
 * {@code orphaned_originals} and deleted again every few minutes, on one instance at a time ({@link ClusterLocks}),
 * until the store confirms. A document's original is named by its id, and ids are never reused, so a late deletion
 * cannot hit another document's file.
 */
@ApplicationScoped
public class OrphanedOriginals {

    private static final Logger LOG = Logger.getLogger(OrphanedOriginals.class);
    /** The cluster-wide task name of the clean-up. */
    public static final String TASK = "orphaned-originals";
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final OriginalsStore originals;
    private final ClusterLocks locks;

    public OrphanedOriginals(Jdbi jdbi, OriginalsStore originals, ClusterLocks locks) {
        this.jdbi = jdbi;
        this.originals = originals;
        this.locks = locks;
    }

    /** Records that the original of the deleted document {@code documentId} is still in the store. */
    public void record(long documentId, String error) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO orphaned_originals(document_id, last_error) VALUES (?, ?) "
                    + "ON CONFLICT (document_id) DO UPDATE SET last_error = EXCLUDED.last_error")
                    .bind(0, documentId).bind(1, error).execute());
        } catch (RuntimeException e) { // the deletion itself succeeded; the log names the object left behind
            LOG.warn("Could not record the original of deleted document " + documentId + " for a later deletion", e);
        }
    }

    @Scheduled(every = "5m", delay = 60, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (locks.lead(TASK)) {
            retry();
        }
    }

    /** Deletes the recorded originals again (oldest first, at most 500); returns how many are gone now. */
    public int retry() {
        List<Long> ids = jdbi.withHandle(h -> h.createQuery("SELECT document_id FROM orphaned_originals "
                + "ORDER BY recorded_at, document_id LIMIT ?").bind(0, BATCH).mapTo(Long.class).list());
        int removed = 0;
        for (long id : ids) {
            try {
                originals.delete(id);
                jdbi.useHandle(h -> h.execute("DELETE FROM orphaned_originals WHERE document_id = ?", id));
                removed++;
            } catch (IOException | UncheckedIOException e) {
                jdbi.useHandle(h -> h.execute("UPDATE orphaned_originals SET attempts = attempts + 1, last_error = ? "
                        + "WHERE document_id = ?", e.getMessage(), id));
                if (StoreUnavailableException.in(e)) { // still down: the next run tries again
                    break;
                }
            }
        }
        if (removed > 0) {
            LOG.infof("Removed %d original(s) of deleted documents left behind while the store was unavailable", removed);
        }
        return removed;
    }

    /** How many originals of deleted documents wait for their deletion. */
    public long waiting() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM orphaned_originals").mapTo(Long.class).one());
    }
}
