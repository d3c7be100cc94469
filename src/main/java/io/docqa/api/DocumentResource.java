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

@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DocumentResource {

    private final IngestService ingest;
    private final DocumentRepository documents;

    public DocumentResource(IngestService ingest, DocumentRepository documents) {
        this.ingest = ingest;
        this.documents = documents;
    }

    @GET
    @Path("/{id}")
    public DocumentResponse get(@PathParam("id") long id) {
        return DocumentResponse.of(documents.require(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response delete(@PathParam("id") long id) {
        ingest.delete(id);
        return Response.noContent().build();
    }
}
