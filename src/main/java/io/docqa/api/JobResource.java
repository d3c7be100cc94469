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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
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

/** Ingestion work: running, queued and failed jobs. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class JobResource {

    private final JobRepository jobs;
    private final AccessPolicy access;

    public JobResource(JobRepository jobs, AccessPolicy access) {
        this.jobs = jobs;
        this.access = access;
    }

    /** Running and queued work (oldest first) and the latest failures, at most {@code limit} of each. */
    @GET
    public JobsResponse list(@QueryParam("limit") @DefaultValue("200") int limit, @Context SecurityContext security) {
        List<Long> readable = access.readableIds(Callers.of(security));
        List<JobResponse> all = jobs.listActiveAndFailed(readable, Math.max(1, Math.min(limit, 1000))).stream()
                .map(JobResponse::of).toList();
        return new JobsResponse(count(all, DocumentStatus.PROCESSING), count(all, DocumentStatus.QUEUED),
                count(all, DocumentStatus.FAILED), all);
    }

    private static int count(List<JobResponse> jobs, DocumentStatus status) {
        return (int) jobs.stream().filter(j -> j.status().equals(status.name())).count();
    }
}
