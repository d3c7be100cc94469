package io.docqa.retrieve.core;

import java.util.List;

/**
 * What to search for within an {@link AccessScope}; {@code limit} is the number of passages wanted.
 * {@code documentIds}, when not null, further restricts the search to these documents (the ids a metadata filter
 * resolved to; an empty list finds nothing). Both indexes apply the restriction inside the search, so it never costs
 * recall. {@code lexicalText}, when not null, is what BM25 searches instead of {@code text} (e.g. the question
 * without the name of the document it is restricted to).
 */
public record RetrievalQuery(String text, int limit, List<Long> documentIds, String lexicalText) {
    public RetrievalQuery {
        documentIds = documentIds == null ? null : List.copyOf(documentIds);
    }

    public RetrievalQuery(String text, int limit, List<Long> documentIds) {
        this(text, limit, documentIds, null);
    }

    /** A query over the whole scope. */
    public RetrievalQuery(String text, int limit) {
        this(text, limit, null);
    }

    /** What BM25 searches. */
    public String lexicalQueryText() {
        return lexicalText == null ? text : lexicalText;
    }

    /** True when the query is restricted to some documents. */
    public boolean restrictsDocuments() {
        return documentIds != null;
    }

    /** True when nothing can match in {@code scope}: no collection, or a document restriction that names none. */
    public boolean matchesNothing(AccessScope scope) {
        return scope.isEmpty() || documentIds != null && documentIds.isEmpty();
    }
}
