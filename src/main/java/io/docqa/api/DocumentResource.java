package io.docqa.api;

import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentTags;
import io.docqa.ingest.jobs.JobRepository;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
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
import jakarta.ws.rs.QueryParam;
import io.docqa.answer.source.PageHighlight;
import io.docqa.answer.source.PdfPages;
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
    private final PdfPages pages;
    private final DocumentAttributes attributes;

    public DocumentResource(IngestService ingest, DocumentRepository documents, AccessPolicy access, AuditLog audit,
            JobRepository jobs, PdfPages pages, DocumentAttributes attributes) {
        this.attributes = attributes;
        this.ingest = ingest;
        this.documents = documents;
        this.access = access;
        this.audit = audit;
        this.jobs = jobs;
        this.pages = pages;
    }

    /** Page {@code n} (1-based) of a PDF document as a PNG image; 404 for another format or a page out of range. */
    @GET
    @Path("/{id}/pages/{n}")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    public Response page(@PathParam("id") long id, @PathParam("n") int n, @Context SecurityContext security) {
        Document doc = access.requireReadableDocument(Callers.of(security), id);
        byte[] png = pages.renderPng(doc, n);
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
        Document doc = access.requireReadableDocument(Callers.of(security), id);
        if (start == null || end == null || start < 0 || end <= start) {
            throw ApiException.badRequest("Give the span as ?start=&end= with 0 <= start < end.");
        }
        return new HighlightsResponse(pages.highlights(doc, start, end));
    }

    /** {@code {"pages": [{"page": n, "rects": [{"x","y","width","height"}]}]}}. */
    public record HighlightsResponse(List<PageHighlight> pages) {
    }

    @GET
    @Path("/{id}")
    public JobDtos.DocumentDetail get(@PathParam("id") long id, @Context SecurityContext security) {
        Document doc = access.requireReadableDocument(Callers.of(security), id);
        return JobDtos.DocumentDetail.of(doc, jobs.find(id).orElseThrow(() -> AccessPolicy.documentNotFound(id)),
                attributes.of(id), documents.warnings(id));
    }

    /** Replaces the document's tags with the JSON list sent (an empty list removes them); needs write access. */
    @PUT
    @Path("/{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public JobDtos.DocumentDetail setTags(@PathParam("id") long id, List<String> tags,
            @Context SecurityContext security) {
        Document doc = access.requireWritableDocument(Callers.of(security), id);
        if (tags == null) {
            throw ApiException.badRequest("Send the tags as a JSON list, e.g. [\"contract\", \"2024\"].");
        }
        List<String> normalized;
        try {
            normalized = DocumentTags.normalize(tags);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!attributes.setTags(id, normalized)) {
            throw AccessPolicy.documentNotFound(id);
        }
        audit.record(security.getUserPrincipal().getName(), AuditAction.TAG_DOCUMENT, List.of(doc.collectionId()),
                Long.toString(id), Map.of("tags", normalized));
        return get(id, security);
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
