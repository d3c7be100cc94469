package io.docqa.app.reviews;

/** A column of a review with its counts; {@code key} names it in cell URLs ({@code /cells/{documentId}/{key}}). */
public record ReviewColumnView(String key, String name, String question, String type, String instructions,
        int position, ColumnCounts counts) {
}
