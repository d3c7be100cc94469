package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Keeps PostgreSQL's planner statistics of the chunks table fresh after bulk ingestion. Until rows are analyzed the
 * planner takes a new collection for a tiny one and answers a vector search on it with an exact scan of the whole
 * collection instead of the HNSW index (measured: 30 ms instead of 3 ms at 11k chunks, worse as it grows), and
 * autovacuum only analyzes once a tenth of the table has changed. So once the ingest queue is empty and enough
 * chunks were added since the last time, the table is analyzed (a sample; a few hundred milliseconds at 100k chunks).
 */
@ApplicationScoped
public class ChunkStatistics {

    private static final Logger LOG = Logger.getLogger(ChunkStatistics.class);

    private final Jdbi jdbi;
    private final AtomicLong addedSinceAnalyze = new AtomicLong();

    public ChunkStatistics(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Chunks committed by an ingestion. */
    public void added(int chunks) {
        addedSinceAnalyze.addAndGet(chunks);
    }

    /** Analyzes the chunks table when at least {@code threshold} chunks were added since the last time; true if it did. */
    public boolean analyzeIfStale(long threshold) {
        long added = addedSinceAnalyze.get();
        if (added < Math.max(1, threshold) || !addedSinceAnalyze.compareAndSet(added, 0)) {
            return false;
        }
        long t0 = System.nanoTime();
        try {
            jdbi.useHandle(h -> h.execute("ANALYZE chunks"));
            LOG.infof("Refreshed the planner statistics of the chunks table after %d new chunks (%d ms)", added,
                    (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (JdbiException e) {
            addedSinceAnalyze.addAndGet(added); // try again next time
            LOG.warnf("Could not analyze the chunks table: %s", e.getMessage());
            return false;
        }
    }
}
