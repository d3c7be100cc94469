package io.docqa.app.documents;

/** How a page of a collection's documents is ordered. */
public enum DocumentOrder {
    UPLOADED, NAME, NAME_DESCENDING
}
