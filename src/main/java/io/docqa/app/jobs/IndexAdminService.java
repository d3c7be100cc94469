package io.docqa.app.jobs;

import io.docqa.app.Callers;
import io.docqa.embedding.EmbeddingCacheRepository;
import io.docqa.ingest.index.LuceneSync;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The administrator's maintenance of derived data: rebuilding the Lucene index from PostgreSQL (the source of
 * truth) and the embedding cache (passage vectors by model and text hash), which is always safe to empty.
 */
@ApplicationScoped
public class IndexAdminService {

    private final LuceneSync luceneSync;
    private final EmbeddingCacheRepository cache;
    private final Callers callers;

    public IndexAdminService(LuceneSync luceneSync, EmbeddingCacheRepository cache, Callers callers) {
        this.luceneSync = luceneSync;
        this.cache = cache;
        this.callers = callers;
    }

    /** Rebuilds the whole index in one commit. */
    public Reindexed reindex(Caller caller) {
        callers.requireRole(caller, Role.ADMIN);
        try {
            LuceneSync.RebuildResult r = luceneSync.rebuild();
            return new Reindexed(r.documents(), r.chunks(), r.changeSeq(), r.millis());
        } catch (IOException e) {
            throw new UncheckedIOException("The Lucene index could not be rebuilt", e);
        }
    }

    /** How many vectors the embedding cache holds. */
    public long cachedVectors(Caller caller) {
        callers.requireRole(caller, Role.ADMIN);
        return cache.size();
    }

    /** Empties the embedding cache; it refills on the next ingestion. Returns how many vectors were removed. */
    public long purgeEmbeddingCache(Caller caller) {
        callers.requireRole(caller, Role.ADMIN);
        return cache.purge();
    }
}
