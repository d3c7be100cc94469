package io.docqa.api;

import io.docqa.corpus.Document;
import io.docqa.corpus.JobRepository;
import io.docqa.corpus.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import io.docqa.corpus.DocumentRepository;
import io.docqa.ingest.IngestService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DocumentResource {

    private final IngestService ingest;
    private final DocumentRepository documents;
    private final JobRepository jobs;

    public DocumentResource(IngestService ingest, DocumentRepository documents, JobRepository jobs) {
        this.ingest = ingest;
        this.documents = documents;
        this.jobs = jobs;
    }

    @GET
    @Path("/{id}")
    public JobDtos.DocumentDetail get(@PathParam("id") long id) {
        Document doc = documents.require(id);
        return JobDtos.DocumentDetail.of(doc, jobs.find(id).orElseThrow(() -> new NotFoundException("No document with id " + id + ".")));
    }

    /** Cancels the document's ingestion: it ends FAILED with error code CANCELLED (202), or 409 when already final. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response cancel(@PathParam("id") long id, @Context SecurityContext security) {
        if (!ingest.cancel(id, security.getUserPrincipal().getName())) {
            throw new ApiException(409, "Document " + id + " has already finished; nothing to cancel.");
        }
        return Response.accepted(new JobDtos.CancelResponse(null, id, 1)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response delete(@PathParam("id") long id) {
        ingest.delete(id);
        return Response.noContent().build();
    }
}
