package io.docqa.api;

import io.docqa.app.jobs.IndexAdminService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

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

    private final IndexAdminService admin;

    public EmbeddingCacheResource(IndexAdminService admin) {
        this.admin = admin;
    }

    @GET
    public CacheSize size(@Context SecurityContext security) {
        return new CacheSize(admin.cachedVectors(Callers.of(security)));
    }

    @POST
    @Path("purge")
    public Purged purge(@Context SecurityContext security) {
        return new Purged(admin.purgeEmbeddingCache(Callers.of(security)));
    }
}
