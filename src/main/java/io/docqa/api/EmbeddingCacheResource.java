package io.docqa.api;

import io.docqa.corpus.EmbeddingCacheRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The embedding cache (passage vectors by model and text hash): GET /api/admin/embedding-cache counts its vectors,
 * POST /api/admin/embedding-cache/purge empties it. Purging is always safe; the cache refills on the next ingestion.
 */
@Path("/admin/embedding-cache")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class EmbeddingCacheResource {

    public record CacheSize(long vectors) {
    }

    public record Purged(long purged) {
    }

    private final EmbeddingCacheRepository cache;

    public EmbeddingCacheResource(EmbeddingCacheRepository cache) {
        this.cache = cache;
    }

    @GET
    public CacheSize size() {
        return new CacheSize(cache.size());
    }

    @POST
    @Path("purge")
    public Purged purge() {
        return new Purged(cache.purge());
    }
}
