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
import io.docqa.retrieve.RetrievedPassage;
import io.docqa.retrieve.Retriever;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
import io.docqa.retrieve.UnavailableRetrieverException;
import java.util.Arrays;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Search and ask. Without "collections", all collections are searched. */
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
    private final SelectableRetriever selectable;

    public QueryResource(Retriever retriever, AnswerService answers, CollectionRepository collections,
            SelectableRetriever selectable) {
        this.retriever = retriever;
        this.selectable = selectable;
        this.answers = answers;
        this.collections = collections;
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
        RetrievalQuery q = new RetrievalQuery(query, scope(request.collections()), limit);
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
        List<SearchResult> results = passages.stream().map(SearchResult::of).toList();
        return new SearchResponse(results);
    }

    @POST
    @Path("ask")
    public AskResponse ask(AskRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"question\": \"...\", \"collections\": [ids]}.");
        }
        String question = requireText(request.question(), "question");
        return AskResponse.of(answers.ask(question, scope(request.collections())));
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
