package io.docqa.api;

import io.docqa.answer.AnswerService;
import io.docqa.api.ApiDtos.AskRequest;
import io.docqa.api.ApiDtos.AskResponse;
import io.docqa.api.ApiDtos.SearchRequest;
import io.docqa.api.ApiDtos.SearchResponse;
import io.docqa.api.ApiDtos.SearchResult;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection;
import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.Retriever;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import io.docqa.answer.Answer;
import io.docqa.answer.Citation;
import io.docqa.security.AccessPolicy;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.docqa.security.audit.RetrievalRecorder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** Search and ask. Without "collections", all collections the caller may read are searched. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class QueryResource {

    /** Longest question or query accepted. */
    static final int MAX_QUERY_CHARS = 4000;
    static final int MAX_LIMIT = 100;

    private final Retriever retriever;
    private final AnswerService answers;
    private final CollectionRepository collections;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final RetrievalRecorder recorder;

    public QueryResource(Retriever retriever, AnswerService answers, CollectionRepository collections, AccessPolicy access,
            AuditLog audit, RetrievalRecorder recorder) {
        this.retriever = retriever;
        this.answers = answers;
        this.collections = collections;
        this.access = access;
        this.audit = audit;
        this.recorder = recorder;
    }

    @POST
    @Path("search")
    public SearchResponse search(SearchRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"query\": \"...\", \"collections\": [ids], \"limit\": n}.");
        }
        String query = requireText(request.query(), "query");
        int limit = request.limit() == null ? 10 : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        List<Long> scope = access.scope(Callers.of(security), request.collections());
        List<SearchResult> results = retriever.retrieve(new RetrievalQuery(query, scope, limit))
                .stream().map(SearchResult::of).toList();
        audit.record(security.getUserPrincipal().getName(), AuditAction.SEARCH, scope, null,
                Map.of("query", query, "retrieved", results.stream().map(SearchResult::chunkId).toList()));
        return new SearchResponse(results);
    }

    @POST
    @Path("ask")
    public AskResponse ask(AskRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"question\": \"...\", \"collections\": [ids]}.");
        }
        String question = requireText(request.question(), "question");
        List<Long> scope = access.scope(Callers.of(security), request.collections());
        Answer answer = answers.ask(question, scope);
        audit.record(security.getUserPrincipal().getName(), AuditAction.ASK, scope, null, Map.of(
                "question", question,
                "retrieved", recorder.retrieved(),
                "cited", answer.citations().stream().map(Citation::chunkId).toList(),
                "answer", answer.answer(),
                "grounded", answer.grounded(),
                "mode", answer.mode()));
        return AskResponse.of(answer);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("\"" + field + "\" must not be empty.");
        }
        if (value.length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("\"" + field + "\" is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        return value.strip();
    }
}
