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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import io.docqa.corpus.Document;
import io.docqa.security.AccessPolicy;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import java.util.List;
import java.util.Map;

@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DocumentResource {

    private final IngestService ingest;
    private final DocumentRepository documents;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final JobRepository jobs;

    public DocumentResource(IngestService ingest, DocumentRepository documents, AccessPolicy access, AuditLog audit,
            JobRepository jobs) {
        this.ingest = ingest;
        this.documents = documents;
        this.access = access;
        this.audit = audit;
        this.jobs = jobs;
    }

    @GET
    @Path("/{id}")
    public JobDtos.DocumentDetail get(@PathParam("id") long id, @Context SecurityContext security) {
        Document doc = access.requireReadableDocument(Callers.of(security), id);
        return JobDtos.DocumentDetail.of(doc, jobs.find(id).orElseThrow(() -> AccessPolicy.documentNotFound(id)));
    }

    /** Cancels the document's ingestion: it ends FAILED with error code CANCELLED (202), or 409 when already final. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response cancel(@PathParam("id") long id, @Context SecurityContext security) {
        access.requireWritableDocument(Callers.of(security), id);
        if (!ingest.cancel(id, security.getUserPrincipal().getName())) {
            throw new ApiException(409, "Document " + id + " has already finished; nothing to cancel.");
        }
        return Response.accepted(new JobDtos.CancelResponse(null, id, 1)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        Document doc = access.requireWritableDocument(Callers.of(security), id);
        ingest.delete(id);
        audit.record(security.getUserPrincipal().getName(), AuditAction.DELETE_DOCUMENT, List.of(doc.collectionId()),
                Long.toString(id), Map.of("name", doc.name()));
        return Response.noContent().build();
    }
}
