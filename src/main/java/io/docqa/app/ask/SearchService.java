package io.docqa.app.ask;

import io.docqa.app.UseCaseException;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.retrieve.expand.PassageExpander;
import io.docqa.security.Caller;
import io.docqa.security.audit.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Search: the passages of the collections the caller may read now that match a query, by the retriever they chose,
 * optionally expanded; rate-limited and audited like a question.
 */
@ApplicationScoped
public class SearchService {

    static final int DEFAULT_LIMIT = 10;
    /** Most passages one search returns. */
    public static final int MAX_LIMIT = 100;

    private final QueryRules rules;
    private final QueryFilters filters;
    private final SelectableRetriever retrievers;
    private final PassageExpander expander;

    public SearchService(QueryRules rules, QueryFilters filters, SelectableRetriever retrievers, PassageExpander expander) {
        this.rules = rules;
        this.filters = filters;
        this.retrievers = retrievers;
        this.expander = expander;
    }

    /** The passages found, best first, with the stage timings of a hybrid search. */
    public Retrieval search(Caller claimed, SearchInput input) {
        Caller caller = rules.admit(claimed);
        if (input == null) {
            throw UseCaseException.invalid("Send {\"query\": \"...\", \"collections\": [ids], \"limit\": n}.");
        }
        String query = QueryRules.requireText(input.query(), "query");
        int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw UseCaseException.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        AccessScope scope = rules.scope(caller, input.collections());
        RetrievalQuery q = new RetrievalQuery(query, limit, filters.resolve(input.filters(), scope));
        RetrieverKind kind = input.retriever() == null || input.retriever().isBlank() ? RetrieverKind.HYBRID
                : RetrieverKind.byId(input.retriever()).orElseThrow(() -> UseCaseException.invalid(
                        "retriever must be one of " + RetrieverKind.ids() + "."));
        Retrieval found = retrievers.retrieve(kind, scope, q);
        if (Boolean.TRUE.equals(input.expand())) {
            found = found.withPassages(expander.expandNow(scope, found.passages()));
        }
        rules.audit(caller, AuditAction.SEARCH, scope, found, Map.of("query", query));
        return found;
    }
}
