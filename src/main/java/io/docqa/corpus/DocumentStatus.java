package io.docqa.corpus;

/** Life cycle of an uploaded document: QUEUED → PROCESSING → READY, or FAILED with a reason. */
public enum DocumentStatus {
    QUEUED, PROCESSING, READY, FAILED;

    public boolean isFinal() {
        return this == READY || this == FAILED;
    }
}
