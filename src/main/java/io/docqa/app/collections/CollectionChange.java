package io.docqa.app.collections;

/** A change of a collection's settings: each non-null field is applied, the others are left as they are. */
public record CollectionChange(String pipeline, Double bm25Weight, Double vectorWeight) {

    boolean isEmpty() {
        return pipeline == null && bm25Weight == null && vectorWeight == null;
    }
}
