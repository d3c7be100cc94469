package io.docqa.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The object store cannot be reached or refused a request: a transient failure. An upload is refused with 503 (and
 * nothing is kept); an ingestion job is retried through the job queue.
 */
public class StoreUnavailableException extends UncheckedIOException {

    /**
     * What users are told (a document's retry reason and final error): the exception's own message, with the endpoint
     * and bucket, is for the operator's log only.
     */
    public static final String USER_MESSAGE = "The object store that keeps the uploaded files could not be reached";

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
    }

    /** Whether {@code e} or one of its causes is a store outage. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
