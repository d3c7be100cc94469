package io.docqa.ingest.jobs;

/**
 * What a worker does with a claimed job. The ingestion pipeline implements it, so the queue and its workers need
 * not know the pipeline (which itself uses the queue for progress, retries and cancellation).
 */
public interface JobProcessor {

    /** Processes the claimed document; {@code attempt} is 1 for the first try. Must not throw for one bad document. */
    void process(long documentId, int attempt);
}
