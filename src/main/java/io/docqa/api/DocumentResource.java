package io.docqa.api;

import io.docqa.api.ApiDtos.DocumentResponse;
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

    public DocumentResource(IngestService ingest, DocumentRepository documents, AccessPolicy access, AuditLog audit) {
        this.ingest = ingest;
        this.documents = documents;
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Path("/{id}")
    public DocumentResponse get(@PathParam("id") long id, @Context SecurityContext security) {
        return DocumentResponse.of(access.requireReadableDocument(Callers.of(security), id));
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
