package io.docqa.app.collections;

/**
 * A collection after a change of its settings; when its documents are re-processed (a new pipeline), {@code batchId}
 * names the batch and {@code reprocessing} counts its documents, else null and 0.
 */
public record CollectionUpdated(CollectionDetails collection, String batchId, int reprocessing) {
}
