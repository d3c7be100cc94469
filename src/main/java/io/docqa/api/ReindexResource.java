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

/** POST /api/admin/reindex: rebuilds the Lucene index from PostgreSQL (the source of truth) in one commit. */
@Path("/admin/reindex")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class ReindexResource {

    private final LuceneSync luceneSync;

    public ReindexResource(LuceneSync luceneSync) {
        this.luceneSync = luceneSync;
    }

    @POST
    public ReindexResponse reindex() {
        try {
            return ReindexResponse.of(luceneSync.rebuild());
        } catch (IOException e) {
            throw new UncheckedIOException("The Lucene index could not be rebuilt", e);
        }
    }
}
