package io.docqa.retrieve;

import java.util.List;

/** One way of ranking chunks for a query (BM25, vector…), best first, ties broken by chunk id. */
public interface RankedRetriever {
    List<RankedHit> rank(RetrievalQuery query, int depth);
}
