package io.docqa.api;

import io.docqa.api.JobDtos.JobResponse;
import io.docqa.api.JobDtos.JobsResponse;
import io.docqa.app.jobs.JobOverview;
import io.docqa.app.jobs.JobService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Ingestion work: running, queued and failed jobs. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    /** Running and queued work (oldest first) and the latest failures, at most {@code limit} of each. */
    @GET
    public JobsResponse list(@QueryParam("limit") @DefaultValue("200") int limit, @Context SecurityContext security) {
        JobOverview o = jobs.list(Callers.of(security), limit);
        return new JobsResponse(o.running(), o.queued(), o.failed(), o.jobs().stream().map(JobResponse::of).toList());
    }
}
