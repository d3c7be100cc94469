package io.docqa.retrieve;

import java.util.List;

/**
 * A query restricted to some collections; {@code limit} is the number of passages wanted. {@code documentIds},
 * when not null, further restricts the search to these documents (the ids a metadata filter resolved to; an empty
 * list finds nothing). Both indexes apply the restriction inside the search, so it never costs recall.
 * {@code lexicalText}, when not null, is what BM25 searches instead of {@code text} (e.g. the question without the
 * name of the document it is restricted to).
 */
public record RetrievalQuery(String text, List<Long> collectionIds, int limit, List<Long> documentIds,
        String lexicalText) {
    public RetrievalQuery {
        collectionIds = List.copyOf(collectionIds);
        documentIds = documentIds == null ? null : List.copyOf(documentIds);
    }

    public RetrievalQuery(String text, List<Long> collectionIds, int limit, List<Long> documentIds) {
        this(text, collectionIds, limit, documentIds, null);
    }

    /** What BM25 searches. */
    public String lexicalQueryText() {
        return lexicalText == null ? text : lexicalText;
    }

    /** A query over whole collections. */
    public RetrievalQuery(String text, List<Long> collectionIds, int limit) {
        this(text, collectionIds, limit, null);
    }

    /** True when the query is restricted to some documents. */
    public boolean restrictsDocuments() {
        return documentIds != null;
    }

    /** True when nothing can match: no collection, or a document restriction that names none. */
    public boolean matchesNothing() {
        return collectionIds.isEmpty() || documentIds != null && documentIds.isEmpty();
    }
}
