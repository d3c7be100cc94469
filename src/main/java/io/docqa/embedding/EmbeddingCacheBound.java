package io.docqa.embedding;

import io.docqa.cluster.ClusterLocks;
import io.docqa.corpus.DataAccessException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps the embedding cache within {@code docqa.embedding.cache-max-entries}: hourly and once shortly after start, on
 * the one instance that leads the task ({@link ClusterLocks}).
 */
@ApplicationScoped
public class EmbeddingCacheBound {

    private static final Logger LOG = Logger.getLogger(EmbeddingCacheBound.class);
    /** The cluster-wide task name of the trim. */
    public static final String TASK = "embedding-cache-bound";

    private final EmbeddingCacheRepository cache;
    private final EmbeddingConfig config;
    private final ClusterLocks locks;

    public EmbeddingCacheBound(EmbeddingCacheRepository cache, EmbeddingConfig config, ClusterLocks locks) {
        this.cache = cache;
        this.config = config;
        this.locks = locks;
    }

    @Scheduled(every = "1h", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!locks.lead(TASK)) {
            return;
        }
        try {
            trim();
        } catch (DataAccessException e) {
            LOG.warnf("Could not trim the embedding cache: %s", e.getMessage());
        }
    }

    /** Removes the oldest vectors beyond the bound now; returns how many. */
    public long trim() {
        long removed = cache.trim(config.cacheMaxEntries());
        if (removed > 0) {
            LOG.infof("Removed the %d oldest vectors from the embedding cache (bound %d)", removed, config.cacheMaxEntries());
        }
        return removed;
    }
}
