package io.docqa.retrieve;

import java.util.List;

/** A query restricted to some collections; {@code limit} is the number of passages wanted. */
public record RetrievalQuery(String text, List<Long> collectionIds, int limit) {
    public RetrievalQuery {
        collectionIds = List.copyOf(collectionIds);
    }
}
