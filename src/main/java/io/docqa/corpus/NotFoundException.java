package io.docqa.corpus;

/** An id that does not name an existing collection, document or chunk. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
