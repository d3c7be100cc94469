package io.docqa.corpus;

import java.time.Instant;

/** An uploaded file and the state of its ingestion. {@code pages} is null for formats without pages. */
public record Document(
        long id,
        long collectionId,
        String name,
        String contentType,
        long sizeBytes,
        String sha256,
        DocumentStatus status,
        String error,
        String errorCode,
        Integer pages,
        int chunks,
        Instant createdAt,
        Instant updatedAt) {

    /** Longest file name kept, shared by the schema and upload validation. */
    public static final int NAME_MAX_LENGTH = 500;
}
