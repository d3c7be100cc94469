package io.docqa.ingest.jobs;

/**
 * The job a worker was processing is no longer its own: the document was deleted, or the worker's lease ran out and
 * the job was queued again (and perhaps taken by another instance). The worker drops its work and writes nothing.
 */
public class LeaseLostException extends RuntimeException {

    private final long documentId;

    public LeaseLostException(long documentId) {
        super("Document " + documentId + " is no longer held by this worker (deleted, or taken over after its lease ran out)");
        this.documentId = documentId;
    }

    public long documentId() {
        return documentId;
    }
}
