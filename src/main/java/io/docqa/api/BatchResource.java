package io.docqa.api;

import io.docqa.api.JobDtos.BatchResponse;
import io.docqa.api.JobDtos.CancelResponse;
import io.docqa.app.jobs.JobService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/** Upload batches: every file of one upload request shares a batch id. */
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class BatchResource {

    private final JobService jobs;

    public BatchResource(JobService jobs) {
        this.jobs = jobs;
    }

    /** Counts by status, overall progress, an estimate of the time left, and the failures with their reasons. */
    @GET
    @Path("/{id}")
    public BatchResponse batch(@PathParam("id") String batchId, @Context SecurityContext security) {
        return BatchResponse.of(jobs.batch(Callers.of(security), batchId), Instant.now());
    }

    /** Cancels every unfinished document of the batch; they end FAILED with error code CANCELLED. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response cancelBatch(@PathParam("id") String batchId, @Context SecurityContext security) {
        int n = jobs.cancelBatch(Callers.of(security), batchId);
        return Response.accepted(new CancelResponse(batchId, null, n)).build();
    }
}
