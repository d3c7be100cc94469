package io.docqa.evaluate;

/** The dataset directory is missing, of no known format, or malformed; the message says where. */
public class InvalidDatasetException extends RuntimeException {
    public InvalidDatasetException(String message) {
        super(message);
    }

    public InvalidDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
