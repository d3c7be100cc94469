package io.docqa.retrieve.core;

/** Finds the passages for a query within the caller's scope. */
public interface Retriever {
    Retrieval retrieve(AccessScope scope, RetrievalQuery query);
}
