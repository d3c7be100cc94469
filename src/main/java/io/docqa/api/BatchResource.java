package io.docqa.api;

import io.docqa.api.JobDtos.BatchResponse;
import io.docqa.api.JobDtos.CancelResponse;
import io.docqa.api.JobDtos.JobResponse;
import io.docqa.api.JobDtos.JobsResponse;
import io.docqa.api.JobDtos.ReindexResponse;
import io.docqa.corpus.DocumentStatus;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.index.LuceneSync;
import io.quarkus.security.Authenticated;
import io.docqa.security.AccessPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/** Upload batches: every file of one upload request shares a batch id. */
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class BatchResource {

    private final JobRepository jobs;
    private final IngestService ingest;
    private final AccessPolicy access;
    private final Clock clock = Clock.systemUTC();

    public BatchResource(JobRepository jobs, IngestService ingest, AccessPolicy access) {
        this.jobs = jobs;
        this.ingest = ingest;
        this.access = access;
    }

    /** Counts by status, overall progress, an estimate of the time left, and the failures with their reasons. */
    @GET
    @Path("/{id}")
    public BatchResponse batch(@PathParam("id") String batchId, @Context SecurityContext security) {
        long collection = jobs.batchCollection(batchId).orElseThrow(() -> new NotFoundException("No upload batch " + batchId + "."));
        if (!access.mayRead(Callers.of(security), collection)) {
            throw new NotFoundException("No upload batch " + batchId + ".");
        }
        return jobs.batch(batchId).map(b -> BatchResponse.of(b, clock.instant()))
                .orElseThrow(() -> new NotFoundException("No upload batch " + batchId + "."));
    }

    /** Cancels every unfinished document of the batch; they end FAILED with error code CANCELLED. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response cancelBatch(@PathParam("id") String batchId, @Context SecurityContext security) {
        long collection = jobs.batchCollection(batchId).orElseThrow(() -> new NotFoundException("No upload batch " + batchId + "."));
        if (!access.mayRead(Callers.of(security), collection)) {
            throw new NotFoundException("No upload batch " + batchId + ".");
        }
        access.requireWritable(Callers.of(security), collection);
        int n = ingest.cancelBatch(batchId, security.getUserPrincipal().getName());
        return Response.accepted(new CancelResponse(batchId, null, n)).build();
    }
}
