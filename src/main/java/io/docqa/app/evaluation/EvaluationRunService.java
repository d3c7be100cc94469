package io.docqa.app.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.app.Callers;
import io.docqa.app.Throttle;
import io.docqa.app.Lookups;
import io.docqa.app.UseCaseException;
import io.docqa.evaluate.AnswerResult;
import io.docqa.evaluate.EvalRequest;
import io.docqa.evaluate.EvalRun;
import io.docqa.evaluate.EvaluationService;
import io.docqa.evaluate.InvalidDatasetException;
import io.docqa.evaluate.RetrieverResult;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluation runs, for administrators (checked against the caller's current role): start one on a dataset of the
 * server, list recent runs, read one and its results.
 */
@ApplicationScoped
public class EvaluationRunService {

    static final int DEFAULT_LIST = 50;
    static final int MAX_LIST = 200;

    private final Callers callers;
    private final Throttle throttle;
    private final EvaluationService evaluation;
    private final ObjectMapper json = new ObjectMapper();

    public EvaluationRunService(Callers callers, Throttle throttle, EvaluationService evaluation) {
        this.callers = callers;
        this.throttle = throttle;
        this.evaluation = evaluation;
    }

    /** Checks the request and the dataset, stores the run as RUNNING and queues it; rate-limited as expensive. */
    public EvalRun start(Caller claimed, EvalRequest request) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "evaluation runs");
        try {
            return evaluation.start(request, caller.username());
        } catch (InvalidDatasetException | IllegalArgumentException e) {
            throw UseCaseException.invalid(e.getMessage());
        }
    }

    /** The most recent runs, newest first; {@code limit} (default 50) between 1 and 200. */
    public List<EvalRun> recent(Caller claimed, Integer limit) {
        callers.requireRole(claimed, Role.ADMIN);
        int n = limit == null ? DEFAULT_LIST : limit;
        if (n < 1 || n > MAX_LIST) {
            throw UseCaseException.invalid("limit must be between 1 and " + MAX_LIST + ".");
        }
        return evaluation.recent(n);
    }

    public EvalRun get(Caller claimed, long id) {
        callers.requireRole(claimed, Role.ADMIN);
        return Lookups.found(() -> evaluation.get(id));
    }

    /** Rows of a run's retriever results, empty while it runs or when it failed. */
    public List<RetrieverResult> retrieverResults(EvalRun run) {
        JsonNode rows = run.results() == null ? null : run.results().get("retrievers");
        List<RetrieverResult> out = new ArrayList<>();
        if (rows != null) {
            rows.forEach(r -> out.add(json.convertValue(r, RetrieverResult.class)));
        }
        return out;
    }

    /** The answer scores of a run that evaluated answers, empty otherwise. */
    public Optional<AnswerResult> answerResults(EvalRun run) {
        JsonNode a = run.results() == null ? null : run.results().get("answers");
        return a == null || a.isNull() ? Optional.empty() : Optional.of(json.convertValue(a, AnswerResult.class));
    }
}
