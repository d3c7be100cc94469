package io.docqa.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.api.ApiDtos.AskRequest;
import io.docqa.api.ApiDtos.AskResponse;
import io.docqa.api.ApiDtos.Filters;
import io.docqa.api.ApiDtos.SearchRequest;
import io.docqa.api.ApiDtos.SearchResponse;
import io.docqa.api.ApiDtos.SearchResult;
import io.docqa.app.UseCaseException;
import io.docqa.app.ask.Admission;
import io.docqa.app.ask.AskInput;
import io.docqa.app.ask.AskResult;
import io.docqa.app.ask.AskService;
import io.docqa.app.ask.Channel;
import io.docqa.app.ask.QueryFilter;
import io.docqa.app.ask.Question;
import io.docqa.app.ask.SearchInput;
import io.docqa.app.ask.SearchService;
import io.docqa.corpus.NotFoundException;
import io.docqa.retrieve.core.Retrieval;
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
import org.jboss.logging.Logger;

/**
 * Search and ask. Without "collections", all collections the caller may read are searched; optional "filters"
 * restrict the search to matching documents of those collections. The rules (rate limit, validation, access,
 * audit) are the services'; this class maps JSON to them and back.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class QueryResource {

    private static final Logger LOG = Logger.getLogger(QueryResource.class);

    private final AskService asks;
    private final SearchService searches;
    private final ObjectMapper json;

    public QueryResource(AskService asks, SearchService searches, ObjectMapper json) {
        this.asks = asks;
        this.searches = searches;
        this.json = json;
    }

    @POST
    @Path("search")
    public SearchResponse search(SearchRequest request, @Context SecurityContext security) {
        SearchInput input = request == null ? null : new SearchInput(request.query(), request.collections(),
                request.limit(), request.retriever(), filter(request.filters()), request.expand());
        Retrieval found = searches.search(Callers.of(security), input);
        return new SearchResponse(found.passages().stream().map(SearchResult::of).toList(), found.timings());
    }

    @POST
    @Path("ask")
    public AskResponse ask(AskRequest request, @Context SecurityContext security) {
        return response(asks.ask(Callers.of(security), input(request)));
    }

    /**
     * The same question answered as a stream of server-sent events: {@code token} events ({"text": "..."}) as the
     * model writes, then one {@code answer} event with the verified answer (the same JSON as the plain call),
     * which replaces the streamed text; {@code error} if the question could not be answered at all. A caller over
     * the rate limit gets the plain 429, an invalid question (empty, too long, too many collections, bad filters)
     * the plain 400, before the stream starts.
     */
    @POST
    @Path("ask")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void askStreaming(AskRequest request, @Context SecurityContext security, @Context SseEventSink sink,
            @Context Sse sse) {
        Admission admission = asks.admit(Callers.of(security), Channel.SSE); // on the request thread: 429 as HTTP
        Question question = asks.prepare(admission, input(request)); // and so is the validation: 400/404 as HTTP
        // answered off the request thread: the method returns at once, so the framework leaves the response to
        // the sink (writing it here as well fails with "Response has already been written")
        Thread.ofVirtual().name("ask-sse").start(() -> {
            try (sink) {
                try {
                    AskResult result = asks.answer(question, token -> send(sink, sse, "token", new TokenEvent(token)));
                    send(sink, sse, "answer", response(result));
                } catch (UseCaseException e) {
                    send(sink, sse, "error", new ApiDtos.ErrorResponse(e.kind().status(), e.getMessage()));
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

    private static AskInput input(AskRequest request) {
        return request == null ? null : new AskInput(request.question(), request.collections(),
                request.conversationId(), filter(request.filters()));
    }

    private static QueryFilter filter(Filters f) {
        return f == null ? null : new QueryFilter(f.documentIds(), f.types(), f.dateFrom(), f.dateTo(), f.tags());
    }

    private static AskResponse response(AskResult r) {
        return AskResponse.of(r.answer(), r.conversationId(), r.standaloneQuestion(), r.answerId());
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
}
