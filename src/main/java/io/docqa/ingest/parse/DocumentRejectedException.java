package io.docqa.ingest.parse;

/** A file that cannot be ingested, with a reason a person can act on. The rest of its batch carries on. */
public class DocumentRejectedException extends Exception {

    /** Why, as a stable code for APIs and tests. */
    public enum Reason {
        EMPTY_FILE, TOO_LARGE, ENCRYPTED, CORRUPT, UNSUPPORTED_TYPE, TYPE_MISMATCH, NO_TEXT, TOO_MUCH_TEXT,
        /** A scan or image without a text layer while OCR is off or Tesseract is not installed. */
        NEEDS_OCR,
        /** Parsing took longer than the pipeline's timeout. */
        TIMED_OUT,
        /** An archive that expands far beyond its size (zip bomb) or nests archives too deeply. */
        ARCHIVE_BOMB,
        /** The parser process ran out of its memory cap on this document. */
        OUT_OF_MEMORY,
        /** The parser process stopped (crashed or was killed) while reading this document. */
        PARSER_CRASHED
    }

    private final Reason reason;

    public DocumentRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DocumentRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
