package io.docqa.corpus;

/** A database operation failed for a reason the caller cannot fix. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
