package io.docqa.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The object store cannot be reached or refused a request: a transient failure. An upload is refused with 503 (and
 * nothing is kept); an ingestion job is retried through the job queue.
 */
public class StoreUnavailableException extends UncheckedIOException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
    }
}
