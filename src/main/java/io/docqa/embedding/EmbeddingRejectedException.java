package io.docqa.embedding;

/**
 * The embedding server refused the input (HTTP 4xx) or answered with vectors of the wrong dimension: trying the same
 * text again would fail the same way, so the document fails with this message.
 */
public class EmbeddingRejectedException extends RuntimeException {

    /** Stable codes recorded as the document's error code. */
    public static final String REJECTED = "EMBEDDING_REJECTED";
    public static final String WRONG_DIMENSIONS = "EMBEDDING_DIMENSIONS";

    private final String code;

    public EmbeddingRejectedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
