package io.docqa.app.reviews;

import java.time.Instant;

/** A review as listed: its collection, author, size (documents × columns) and progress. */
public record ReviewSummary(long id, String name, long collectionId, String collectionName, String createdBy,
        Instant createdAt, int documents, int columns, ReviewProgress progress) {
}
