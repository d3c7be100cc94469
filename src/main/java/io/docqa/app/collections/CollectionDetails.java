package io.docqa.app.collections;

import io.docqa.corpus.DocumentCollection;

/**
 * A collection as callers see it: its settings, with the fusion weights in effect (the collection's own, else the
 * server's).
 */
public record CollectionDetails(DocumentCollection collection, double bm25Weight, double vectorWeight) {
}
