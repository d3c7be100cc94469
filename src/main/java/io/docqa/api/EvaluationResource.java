package io.docqa.api;

import io.docqa.evaluate.EvalRun;
import io.docqa.evaluate.EvaluationService;
import io.docqa.evaluate.InvalidDatasetException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.net.URI;
import java.util.List;

/**
 * Evaluation runs (administrators only). POST /api/eval/runs with
 * {"dataset": "/server/path", "retrievers": ["bm25","vector","hybrid"], "collection": "name", "limitQueries": n}
 * starts a run (202, poll GET /api/eval/runs/{id} until status is DONE or FAILED).
 */
@Path("/eval/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class EvaluationResource {

    static final int MAX_LIST = 200;

    private final EvaluationService evaluation;

    public EvaluationResource(EvaluationService evaluation) {
        this.evaluation = evaluation;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(EvaluationService.Request request, @Context SecurityContext security) {
        try {
            EvalRun run = evaluation.start(request, security.getUserPrincipal().getName());
            return Response.accepted(run).location(URI.create("/api/eval/runs/" + run.id())).build();
        } catch (InvalidDatasetException | IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    @GET
    public List<EvalRun> list(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > MAX_LIST) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIST + ".");
        }
        return evaluation.recent(n);
    }

    @GET
    @Path("{id}")
    public EvalRun get(@PathParam("id") long id) {
        return evaluation.get(id);
    }
}
