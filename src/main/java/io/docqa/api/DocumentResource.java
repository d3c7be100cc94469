package io.docqa.api;

import io.docqa.answer.source.PageHighlight;
import io.docqa.app.documents.DocumentService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** One document over REST: details, tags, cancel, delete, and its PDF pages for citations. */
@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DocumentResource {

    private final DocumentService documents;

    public DocumentResource(DocumentService documents) {
        this.documents = documents;
    }

    /** Page {@code n} (1-based) of a PDF document as a PNG image; 404 for another format or a page out of range. */
    @GET
    @Path("/{id}/pages/{n}")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    public Response page(@PathParam("id") long id, @PathParam("n") int n, @Context SecurityContext security) {
        byte[] png = documents.pagePng(Callers.of(security), id, n);
        return Response.ok(png, "image/png").header("Cache-Control", "private, max-age=300").build();
    }

    /**
     * Where the characters [start, end) of the document's extracted text (a citation's span) are on its PDF pages:
     * boxes as fractions of the page size, page by page.
     */
    @GET
    @Path("/{id}/highlights")
    public HighlightsResponse highlights(@PathParam("id") long id, @QueryParam("start") Integer start,
            @QueryParam("end") Integer end, @Context SecurityContext security) {
        return new HighlightsResponse(documents.highlights(Callers.of(security), id, start, end));
    }

    /** {@code {"pages": [{"page": n, "rects": [{"x","y","width","height"}]}]}}. */
    public record HighlightsResponse(List<PageHighlight> pages) {
    }

    @GET
    @Path("/{id}")
    public JobDtos.DocumentDetail get(@PathParam("id") long id, @Context SecurityContext security) {
        return JobDtos.DocumentDetail.of(documents.get(Callers.of(security), id));
    }

    /** Replaces the document's tags with the JSON list sent (an empty list removes them); needs write access. */
    @PUT
    @Path("/{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public JobDtos.DocumentDetail setTags(@PathParam("id") long id, List<String> tags,
            @Context SecurityContext security) {
        return JobDtos.DocumentDetail.of(documents.setTags(Callers.of(security), id, tags));
    }

    /** Cancels the document's ingestion: it ends FAILED with error code CANCELLED (202), or 409 when already final. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response cancel(@PathParam("id") long id, @Context SecurityContext security) {
        documents.cancel(Callers.of(security), id);
        return Response.accepted(new JobDtos.CancelResponse(null, id, 1)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        documents.delete(Callers.of(security), id);
        return Response.noContent().build();
    }
}
