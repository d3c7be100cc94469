package io.docqa.api;

import io.docqa.app.evaluation.EvaluationRunService;
import io.docqa.evaluate.EvalRequest;
import io.docqa.evaluate.EvalRun;
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

    private final EvaluationRunService evaluation;

    public EvaluationResource(EvaluationRunService evaluation) {
        this.evaluation = evaluation;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(EvalRequest request, @Context SecurityContext security) {
        EvalRun run = evaluation.start(Callers.of(security), request);
        return Response.accepted(run).location(URI.create("/api/eval/runs/" + run.id())).build();
    }

    @GET
    public List<EvalRun> list(@QueryParam("limit") Integer limit, @Context SecurityContext security) {
        return evaluation.recent(Callers.of(security), limit);
    }

    @GET
    @Path("{id}")
    public EvalRun get(@PathParam("id") long id, @Context SecurityContext security) {
        return evaluation.get(Callers.of(security), id);
    }
}
