package io.docqa.retrieve.core;

import java.util.List;

/** One way of ranking chunks of the caller's scope for a query (BM25, vector…), best first, ties by chunk id. */
public interface RankedRetriever {
    List<RankedHit> rank(AccessScope scope, RetrievalQuery query, int depth);
}
