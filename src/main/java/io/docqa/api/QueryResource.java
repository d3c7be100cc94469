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
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.corpus.DocumentCollection;
import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.Retriever;
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
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Search and ask. Without "collections", all collections are searched. */
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
    private final CollectionRepository collections;
    private final ConversationService conversations;
    private final ObjectMapper json;

    public QueryResource(Retriever retriever, AnswerService answers, CollectionRepository collections,
            ConversationService conversations, ObjectMapper json) {
        this.retriever = retriever;
        this.answers = answers;
        this.collections = collections;
        this.conversations = conversations;
        this.json = json;
    }

    @POST
    @Path("search")
    public SearchResponse search(SearchRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"query\": \"...\", \"collections\": [ids], \"limit\": n}.");
        }
        String query = requireText(request.query(), "query");
        int limit = request.limit() == null ? 10 : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        List<SearchResult> results = retriever.retrieve(new RetrievalQuery(query, scope(request.collections()), limit))
                .stream().map(SearchResult::of).toList();
        return new SearchResponse(results);
    }

    @POST
    @Path("ask")
    public AskResponse ask(AskRequest request, @Context SecurityContext security) {
        return answer(request, security.getUserPrincipal().getName(), null);
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
        String user = security.getUserPrincipal().getName();
        // answered off the request thread: the method returns at once, so the framework leaves the response to
        // the sink (writing it here as well fails with "Response has already been written")
        Thread.ofVirtual().name("ask-sse").start(() -> {
            try (sink) {
                try {
                    AskResponse response = answer(request, user,
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
            }
        });
    }

    /** One streamed piece of the model's reply. */
    public record TokenEvent(String text) {
    }

    private AskResponse answer(AskRequest request, String user, Consumer<String> tokens) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"question\": \"...\", \"collections\": [ids]}.");
        }
        String question = requireText(request.question(), "question");
        List<Long> scope = scope(request.collections());
        if (request.conversationId() != null) {
            Turn turn = conversations.ask(user, request.conversationId(), question,
                    scope, tokens);
            return AskResponse.of(turn.answer(), turn.conversationId(), turn.standaloneQuestion());
        }
        return AskResponse.of(answers.ask(question, scope, tokens));
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

    private List<Long> scope(List<Long> requested) {
        if (requested == null || requested.isEmpty()) {
            return collections.findAll().stream().map(DocumentCollection::id).toList();
        }
        requested.forEach(collections::require);
        return requested.stream().distinct().toList();
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
