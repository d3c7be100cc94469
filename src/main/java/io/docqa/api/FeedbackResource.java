package io.docqa.api;

import io.docqa.answer.feedback.AnswerRecord;
import io.docqa.answer.feedback.Feedback;
import io.docqa.answer.feedback.Insights;
import io.docqa.app.feedback.DatasetExport;
import io.docqa.app.feedback.FeedbackCsv;
import io.docqa.app.feedback.FeedbackInput;
import io.docqa.app.feedback.FeedbackPage;
import io.docqa.app.feedback.FeedbackQuery;
import io.docqa.app.feedback.FeedbackService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Feedback on answers: the asker rates an answer (its {@code answerId} came with the answer); administrators list
 * ratings and turn chosen ones into an evaluation dataset. The rules are {@link FeedbackService}'s.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class FeedbackResource {

    private static final String CSV = "text/csv";

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    public record FeedbackRequest(String rating, String reason, String comment, List<Long> correctChunkIds) {
    }

    public record FeedbackResponse(long id, long answerId, String rating, String reason, String comment,
            List<Long> correctChunkIds, String createdAt, String updatedAt) {
        static FeedbackResponse of(Feedback f) {
            return new FeedbackResponse(f.id(), f.answerId(), f.rating().id(), f.reason() == null ? null : f.reason().id(),
                    f.comment(), f.correctChunkIds(), f.createdAt().toString(), f.updatedAt().toString());
        }
    }

    /** A rating with the answer it rates, as administrators list it. */
    public record FeedbackRow(long id, long answerId, String question, String answer, boolean abstained,
            List<ApiDtos.CitationResponse> citations, List<Long> retrievedChunkIds, List<Long> collectionIds,
            String channel, String askedAt, String rating, String reason, String comment, List<Long> correctChunkIds,
            String user, String time) {
        static FeedbackRow of(Feedback.Rated r) {
            Feedback f = r.feedback();
            AnswerRecord a = r.answer();
            return new FeedbackRow(f.id(), a.id(), a.question(), a.answer(), a.abstained(),
                    a.citations().stream().map(ApiDtos.CitationResponse::of).toList(), a.retrievedChunkIds(),
                    a.collectionIds(), a.channel(), a.askedAt().toString(), f.rating().id(),
                    f.reason() == null ? null : f.reason().id(), f.comment(), f.correctChunkIds(), f.author(),
                    f.updatedAt().toString());
        }
    }

    /**
     * Insights over [from, to) (dates or instants; default the last 30 days), optionally of one collection's answers:
     * questions per day, abstention rate, share of unsupported sentences, negative-feedback rate, latency
     * p50/p95/p99, questions most often answered "not found", answers rated down. As CSV with {@code format=csv} or
     * {@code Accept: text/csv}.
     */
    @GET
    @Path("insights")
    @RolesAllowed("ADMIN")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response insights(@QueryParam("collectionId") Long collectionId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        Insights insights = feedback.insights(Callers.of(security), collectionId, from, to);
        return wantsCsv(format, headers) ? csv(FeedbackCsv.insights(insights), "docqa-insights.csv")
                : Response.ok(insights, MediaType.APPLICATION_JSON).build();
    }

    /** CSV when asked by {@code format=csv}, or by an Accept header whose first choice is text/csv. */
    static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("format must be json or csv.");
            };
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && "text".equals(accepted.get(0).getType())
                && "csv".equals(accepted.get(0).getSubtype());
    }

    private static Response csv(String body, String filename) {
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    public record DatasetRequest(String name, List<Long> feedbackIds) {
    }

    /**
     * Rates an answer of the caller: 201 with the rating as stored; a second call replaces it. 404 for an answer
     * the caller did not ask or can no longer read.
     */
    @POST
    @Path("answers/{answerId}/feedback")
    public RestResponse<FeedbackResponse> rate(@PathParam("answerId") long answerId, FeedbackRequest request,
            @Context SecurityContext security) {
        FeedbackInput input = request == null ? null
                : new FeedbackInput(request.rating(), request.reason(), request.comment(), request.correctChunkIds());
        Feedback stored = feedback.rate(Callers.of(security), answerId, input);
        return RestResponse.status(RestResponse.Status.CREATED, FeedbackResponse.of(stored));
    }

    /**
     * Ratings, newest first ({@code offset} default 0, {@code limit} default 100, at most 1,000); X-Total-Count says
     * how many match. As CSV with {@code format=csv} or {@code Accept: text/csv}. Filters: {@code collectionId}, {@code rating} (up, down), {@code from}/{@code to} (dates or
     * instants).
     */
    @GET
    @Path("feedback")
    @RolesAllowed("ADMIN")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response list(@QueryParam("collectionId") Long collectionId,
            @QueryParam("rating") String rating, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context SecurityContext security) {
        FeedbackPage page = feedback.list(Callers.of(security), new FeedbackQuery(collectionId, rating, from, to, offset,
                limit));
        Response.ResponseBuilder response = wantsCsv(format, headers)
                ? Response.fromResponse(csv(FeedbackCsv.feedback(page.rows()), "docqa-feedback.csv"))
                : Response.ok(page.rows().stream().map(FeedbackRow::of).toList(), MediaType.APPLICATION_JSON);
        return response.header("X-Total-Count", page.total()).build();
    }

    /**
     * Writes the chosen ratings as a golden-QA dataset; 201 with its {@code dataset} directory, which
     * {@code POST /api/evaluations} takes as {@code dataset}.
     */
    @POST
    @Path("feedback/dataset")
    @RolesAllowed("ADMIN")
    public RestResponse<DatasetExport> dataset(DatasetRequest request, @Context SecurityContext security) {
        DatasetExport export = feedback.exportDataset(Callers.of(security), request == null ? null : request.name(),
                request == null ? null : request.feedbackIds());
        return RestResponse.status(RestResponse.Status.CREATED, export);
    }
}
