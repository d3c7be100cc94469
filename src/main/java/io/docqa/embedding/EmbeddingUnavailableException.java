package io.docqa.embedding;

import io.docqa.corpus.DataAccessException;

/**
 * The embedding server could not be reached or kept failing (5xx, timeouts) after its retries: worth trying again
 * later. A {@link DataAccessException}, so ingestion retries the document with its backoff like any transient error.
 */
public class EmbeddingUnavailableException extends DataAccessException {
    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
