package io.docqa.retrieve;

import java.util.List;

/**
 * A query restricted to some collections; {@code limit} is the number of passages wanted. {@code documentIds},
 * when not null, further restricts the search to these documents (the ids a metadata filter resolved to; an empty
 * list finds nothing). Both indexes apply the restriction inside the search, so it never costs recall.
 */
public record RetrievalQuery(String text, List<Long> collectionIds, int limit, List<Long> documentIds) {
    public RetrievalQuery {
        collectionIds = List.copyOf(collectionIds);
        documentIds = documentIds == null ? null : List.copyOf(documentIds);
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
