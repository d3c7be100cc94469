package io.docqa.corpus;

/** A name that must be unique is already taken. */
public class DuplicateNameException extends RuntimeException {
    public DuplicateNameException(String message) {
        super(message);
    }
}
