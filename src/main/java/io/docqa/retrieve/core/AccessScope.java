package io.docqa.retrieve.core;

import java.util.List;
import java.util.Set;

/**
 * The collections one caller may search for one query, as the access policy resolved them. Every retriever takes
 * it as an explicit input and searches nothing outside it (the filter is part of the Lucene query and the pgvector
 * SQL); {@link #requireWithin} is the last line of defence on what came back.
 */
public record AccessScope(List<Long> collectionIds) {

    public AccessScope {
        collectionIds = List.copyOf(collectionIds);
    }

    public static AccessScope of(List<Long> collectionIds) {
        return new AccessScope(collectionIds);
    }

    public boolean isEmpty() {
        return collectionIds.isEmpty();
    }

    /**
     * Fails when a passage lies outside the scope. It never drops results, it refuses them: such a passage can only
     * come from a bug in a retriever's filter.
     */
    public void requireWithin(List<RetrievedPassage> passages) {
        Set<Long> allowed = Set.copyOf(collectionIds);
        for (RetrievedPassage p : passages) {
            if (!allowed.contains(p.chunk().collectionId())) {
                throw new IllegalStateException("Retrieval returned chunk " + p.chunk().id() + " of collection "
                        + p.chunk().collectionId() + ", outside the permitted collections");
            }
        }
    }
}
