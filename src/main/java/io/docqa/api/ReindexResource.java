package io.docqa.api;

import io.docqa.api.JobDtos.ReindexResponse;
import io.docqa.app.jobs.IndexAdminService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** POST /api/admin/reindex: rebuilds the Lucene index from PostgreSQL (the source of truth) in one commit. */
@Path("/admin/reindex")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class ReindexResource {

    private final IndexAdminService admin;

    public ReindexResource(IndexAdminService admin) {
        this.admin = admin;
    }

    @POST
    public ReindexResponse reindex(@Context SecurityContext security) {
        return ReindexResponse.of(admin.reindex(Callers.of(security)));
    }
}
