package io.docqa.ingest.jobs;

import io.docqa.corpus.DocumentStatus;
import java.time.Instant;

/**
 * The ingestion job of one document: its queue state, attempts, progress and batch. {@code progress} runs from 0
 * to 1 within {@code stage} (QUEUED, PARSING, CHUNKING, EMBEDDING, STORING, DONE, FAILED). {@code owner} is the
 * instance that holds a PROCESSING job (or last held a finished one); null for queued jobs.
 */
public record JobState(
        long documentId,
        long collectionId,
        String name,
        DocumentStatus status,
        String stage,
        double progress,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String error,
        String errorCode,
        String batchId,
        String cancelRequestedBy,
        int version,
        Long replacesId,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt,
        String owner) {
}
