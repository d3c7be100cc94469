package io.docqa.retrieve;

import java.util.List;

/** Finds the passages for a query. */
public interface Retriever {
    List<RetrievedPassage> retrieve(RetrievalQuery query);
}
