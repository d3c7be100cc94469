package io.docqa.review;

import java.time.Instant;

/** A review table: its collection, author and, when its run was cancelled, by whom and when. */
public record Review(long id, String name, long collectionId, String createdBy, Instant createdAt, String templateId,
        String cancelledBy, Instant cancelledAt) {
}
