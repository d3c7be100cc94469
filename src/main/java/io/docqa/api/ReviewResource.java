package io.docqa.api;

import io.docqa.app.reviews.CellQuery;
import io.docqa.app.reviews.CellUpdate;
import io.docqa.app.reviews.ColumnInput;
import io.docqa.app.reviews.NewReview;
import io.docqa.app.reviews.NewTemplate;
import io.docqa.app.reviews.RerunInput;
import io.docqa.app.reviews.RerunResult;
import io.docqa.app.reviews.ReviewCellView;
import io.docqa.app.reviews.ReviewColumnView;
import io.docqa.app.reviews.ReviewProgress;
import io.docqa.app.reviews.ReviewDetails;
import io.docqa.app.reviews.ReviewExport;
import io.docqa.app.reviews.ReviewFilterInput;
import io.docqa.app.reviews.ReviewRow;
import io.docqa.app.reviews.ReviewService;
import io.docqa.app.reviews.ReviewSummary;
import io.docqa.app.reviews.ReviewTemplateView;
import io.docqa.app.reviews.RowPage;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Review tables over REST: documents × columns, each cell answered from its own document with its quote. The rules
 * (who may see, create, change, run and export a review; validation; rate limits; audit) are
 * {@link ReviewService}'s; see docs/reviews.md.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ReviewResource {

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    public record ReviewRequest(String name, Long collectionId, List<Long> documentIds, ReviewFilterInput filters,
            List<ColumnInput> columns, String templateId) {
    }

    public record ColumnsRequest(List<ColumnInput> columns) {
    }

    public record DocumentsRequest(List<Long> documentIds) {
    }

    /** A review with its columns and progress, flattened for JSON. */
    public record ReviewResponse(long id, String name, long collectionId, String collectionName, String createdBy,
            String createdAt, int documents, int columnCount, ReviewProgress progress, List<ReviewColumnView> columns,
            boolean mayEdit) {
        static ReviewResponse of(ReviewDetails d) {
            ReviewSummary s = d.summary();
            return new ReviewResponse(s.id(), s.name(), s.collectionId(), s.collectionName(), s.createdBy(),
                    s.createdAt().toString(), s.documents(), s.columns(), s.progress(), d.columns(), d.mayEdit());
        }
    }

    /**
     * Creates a review: 201 with the review; its cells are computed in the background (GET it for the progress).
     * Body: {@code {name, collectionId, documentIds?, filters?: {types, tags, dateFrom, dateTo}, columns: [{name,
     * question, type, instructions?}] or templateId}}.
     */
    @POST
    @Path("reviews")
    public RestResponse<ReviewResponse> create(ReviewRequest request, @Context SecurityContext security) {
        NewReview input = request == null ? null : new NewReview(request.name(), request.collectionId(),
                request.documentIds(), request.filters(), request.columns(), request.templateId());
        ReviewDetails created = reviews.create(Callers.of(security), input);
        return RestResponse.status(RestResponse.Status.CREATED, ReviewResponse.of(created));
    }

    /** The reviews of the collections the caller may read (optionally of one collection), newest first. */
    @GET
    @Path("reviews")
    public List<ReviewSummary> list(@QueryParam("collectionId") Long collectionId, @Context SecurityContext security) {
        return reviews.list(Callers.of(security), collectionId);
    }

    /** A review: progress ("n of m cells, about X left") and columns with their per-status counts. */
    @GET
    @Path("reviews/{id}")
    public ReviewResponse get(@PathParam("id") long id, @Context SecurityContext security) {
        return ReviewResponse.of(reviews.get(Callers.of(security), id));
    }

    /** Deletes a review and its cells (editors of its collection): 204. */
    @DELETE
    @Path("reviews/{id}")
    public void delete(@PathParam("id") long id, @Context SecurityContext security) {
        reviews.delete(Callers.of(security), id);
    }

    /**
     * A page of rows (one per document the caller may read, by document name) with their cells in column order;
     * X-Total-Count says how many rows match. Optional filters: {@code column}, {@code status}, {@code q} (text in the
     * value).
     */
    @GET
    @Path("reviews/{id}/cells")
    public RestResponse<List<ReviewRow>> cells(@PathParam("id") long id, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit, @QueryParam("column") String column,
            @QueryParam("status") String status, @QueryParam("q") String text, @Context SecurityContext security) {
        RowPage page = reviews.rows(Callers.of(security), id, new CellQuery(offset, limit, column, status, text));
        return RestResponse.ResponseBuilder.ok(page.rows()).header("X-Total-Count", page.total()).build();
    }

    /** One cell with its quotes, marks and who set them. */
    @GET
    @Path("reviews/{id}/cells/{documentId}/{column}")
    public ReviewCellView cell(@PathParam("id") long id, @PathParam("documentId") long documentId,
            @PathParam("column") String column, @Context SecurityContext security) {
        return reviews.cell(Callers.of(security), id, documentId, column);
    }

    /**
     * A reviewer's change to a cell: {@code {value?, clearOverride?, verified?, flagged?, comment?, rating?,
     * ratingReason?}}; the computed value is kept, who and when is recorded and audited.
     */
    @PATCH
    @Path("reviews/{id}/cells/{documentId}/{column}")
    public ReviewCellView update(@PathParam("id") long id, @PathParam("documentId") long documentId,
            @PathParam("column") String column, CellUpdate update, @Context SecurityContext security) {
        return reviews.updateCell(Callers.of(security), id, documentId, column, update);
    }

    /** Adds columns ({@code {columns: [...]}}); only their cells are computed. */
    @POST
    @Path("reviews/{id}/columns")
    public ReviewResponse addColumns(@PathParam("id") long id, ColumnsRequest request,
            @Context SecurityContext security) {
        return ReviewResponse.of(reviews.addColumns(Callers.of(security), id, request == null ? null : request.columns()));
    }

    /**
     * Adds documents of the review's collection ({@code {documentIds: [...]}}; without ids every ready document not
     * yet in the review); only their cells are computed.
     */
    @POST
    @Path("reviews/{id}/documents")
    public ReviewResponse addDocuments(@PathParam("id") long id, DocumentsRequest request,
            @Context SecurityContext security) {
        return ReviewResponse.of(reviews.addDocuments(Callers.of(security), id,
                request == null ? null : request.documentIds()));
    }

    /** Computes again a column, a row, one cell or the failed / cancelled cells: {@code {column?, documentId?, failed?}}. */
    @POST
    @Path("reviews/{id}/rerun")
    public RerunResult rerun(@PathParam("id") long id, RerunInput input, @Context SecurityContext security) {
        return reviews.rerun(Callers.of(security), id, input);
    }

    /** Cancels the cells not computed yet; {@code rerun {failed: true}} resumes. */
    @POST
    @Path("reviews/{id}/cancel")
    public ReviewResponse cancel(@PathParam("id") long id, @Context SecurityContext security) {
        return ReviewResponse.of(reviews.cancel(Callers.of(security), id));
    }

    /** The review as a spreadsheet ({@code format=xlsx}, the default) or CSV, streamed. */
    @GET
    @Path("reviews/{id}/export")
    @Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv", MediaType.APPLICATION_JSON})
    public Response export(@PathParam("id") long id, @QueryParam("format") String format,
            @Context SecurityContext security, @Context UriInfo uri) {
        String base = uri.getBaseUri().resolve("/").toString();
        ReviewExport export = reviews.export(Callers.of(security), id, format, base);
        StreamingOutput body = export::writeTo;
        return Response.ok(body, export.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"").build();
    }

    /** The built-in templates ("commercial-contract", "policy-handbook"), then the saved ones. */
    @GET
    @Path("review-templates")
    public List<ReviewTemplateView> templates(@Context SecurityContext security) {
        return reviews.templates(Callers.of(security));
    }

    /** Saves a template ({@code {name, description?, columns: [...]}}): 201. */
    @POST
    @Path("review-templates")
    public RestResponse<ReviewTemplateView> createTemplate(NewTemplate input, @Context SecurityContext security) {
        return RestResponse.status(RestResponse.Status.CREATED, reviews.createTemplate(Callers.of(security), input));
    }
}
