package io.docqa.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.AnswerService;
import io.docqa.answer.conversation.ConversationService;
import io.docqa.answer.conversation.Turn;
import io.docqa.api.ApiDtos.AskRequest;
import io.docqa.api.ApiDtos.AskResponse;
import io.docqa.api.ApiDtos.SearchRequest;
import io.docqa.api.ApiDtos.SearchResponse;
import io.docqa.api.ApiDtos.SearchResult;
import io.docqa.corpus.NotFoundException;
import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.RetrievedPassage;
import io.docqa.retrieve.Retriever;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
import io.docqa.retrieve.expand.PassageExpander;
import io.docqa.retrieve.StageTimingRecorder;
import io.docqa.retrieve.UnavailableRetrieverException;
import java.util.Arrays;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import io.docqa.answer.Answer;
import io.docqa.answer.Citation;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.docqa.security.audit.RetrievalRecorder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Search and ask. Without "collections", all collections the caller may read are searched; optional "filters"
 * restrict the search to matching documents of those collections.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class QueryResource {

    private static final Logger LOG = Logger.getLogger(QueryResource.class);

    /** Longest question or query accepted. */
    static final int MAX_QUERY_CHARS = 4000;
    static final int MAX_LIMIT = 100;

    private final Retriever retriever;
    private final AnswerService answers;
    private final ConversationService conversations;
    private final ObjectMapper json;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final RetrievalRecorder recorder;
    private final SelectableRetriever selectable;
    private final QueryFilters filters;
    private final PassageExpander expander;
    private final StageTimingRecorder stageTimings;

    public QueryResource(Retriever retriever, AnswerService answers, ConversationService conversations,
            ObjectMapper json, AccessPolicy access, AuditLog audit, RetrievalRecorder recorder,
            SelectableRetriever selectable, QueryFilters filters, PassageExpander expander,
            StageTimingRecorder stageTimings) {
        this.filters = filters;
        this.retriever = retriever;
        this.expander = expander;
        this.selectable = selectable;
        this.stageTimings = stageTimings;
        this.answers = answers;
        this.conversations = conversations;
        this.json = json;
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
        RetrievalQuery q = new RetrievalQuery(query, scope, limit, filters.resolve(request.filters(), scope));
        List<RetrievedPassage> passages;
        if (request.retriever() == null || request.retriever().isBlank()) {
            passages = retriever.retrieve(q);
        } else {
            RetrieverKind kind = RetrieverKind.byId(request.retriever()).orElseThrow(() -> ApiException.badRequest(
                    "retriever must be one of " + Arrays.stream(RetrieverKind.values()).map(RetrieverKind::id).toList() + "."));
            try {
                passages = selectable.retrieve(kind, q);
            } catch (UnavailableRetrieverException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        if (Boolean.TRUE.equals(request.expand())) {
            passages = expander.expandNow(passages, scope);
        }
        List<SearchResult> results = passages.stream().map(SearchResult::of).toList();
        audit.record(security.getUserPrincipal().getName(), AuditAction.SEARCH, scope, null,
                Map.of("query", query, "retrieved", results.stream().map(SearchResult::chunkId).toList()));
        return new SearchResponse(results, stageTimings.last());
    }

    @POST
    @Path("ask")
    public AskResponse ask(AskRequest request, @Context SecurityContext security) {
        return answer(request, Callers.of(security), null);
    }

    /**
     * The same question answered as a stream of server-sent events: {@code token} events ({"text": "..."}) as the
     * model writes, then one {@code answer} event with the verified answer (the same JSON as the plain call),
     * which replaces the streamed text; {@code error} if the question could not be answered at all.
     */
    @POST
    @Path("ask")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void askStreaming(AskRequest request, @Context SecurityContext security, @Context SseEventSink sink,
            @Context Sse sse) {
        Caller caller = Callers.of(security); // read on the request thread: the identity is not carried over
        // answered off the request thread: the method returns at once, so the framework leaves the response to
        // the sink (writing it here as well fails with "Response has already been written")
        Thread.ofVirtual().name("ask-sse").start(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate(); // the audit notes what retrieval returned in this request
            try (sink) {
                try {
                    AskResponse response = answer(request, caller,
                            token -> send(sink, sse, "token", new TokenEvent(token)));
                    send(sink, sse, "answer", response);
                } catch (ApiException e) {
                    send(sink, sse, "error", new ApiDtos.ErrorResponse(e.status(), e.getMessage()));
                } catch (NotFoundException e) {
                    send(sink, sse, "error", new ApiDtos.ErrorResponse(404, e.getMessage()));
                } catch (RuntimeException e) {
                    LOG.error("Streaming answer failed", e);
                    send(sink, sse, "error", new ApiDtos.ErrorResponse(500, "The question could not be answered."));
                }
            } finally {
                requestContext.terminate();
            }
        });
    }

    /** One streamed piece of the model's reply. */
    public record TokenEvent(String text) {
    }

    private AskResponse answer(AskRequest request, Caller caller, Consumer<String> tokens) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"question\": \"...\", \"collections\": [ids]}.");
        }
        String question = requireText(request.question(), "question");
        String user = caller.username();
        List<Long> chosen = request.collections() == null ? List.of() : request.collections();
        if (request.conversationId() != null && chosen.isEmpty()) {
            // a follow-up without collections asks over the ones the conversation remembers, if still readable
            chosen = access.stillReadable(caller, conversations.require(user, request.conversationId()).collectionIds());
        }
        List<Long> scope = access.scope(caller, chosen);
        List<Long> documentIds = filters.resolve(request.filters(), scope);
        Answer answer;
        AskResponse response;
        if (request.conversationId() != null) {
            Turn turn = conversations.ask(user, request.conversationId(), question, scope,
                    chosen.stream().distinct().toList(), documentIds, tokens);
            answer = turn.answer();
            response = AskResponse.of(turn.answer(), turn.conversationId(), turn.standaloneQuestion());
        } else {
            answer = answers.ask(question, scope, documentIds, tokens);
            response = AskResponse.of(answer);
        }
        audit.record(user, AuditAction.ASK, scope, null, Map.of(
                "question", question,
                "retrieved", recorder.retrieved(),
                "cited", answer.citations().stream().map(Citation::chunkId).toList(),
                "answer", answer.answer(),
                "grounded", answer.grounded(),
                "mode", answer.mode()));
        return response;
    }

    private void send(SseEventSink sink, Sse sse, String name, Object data) {
        if (sink.isClosed()) {
            return;
        }
        try {
            sink.send(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(json.writeValueAsString(data)).build()).toCompletableFuture().join();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
