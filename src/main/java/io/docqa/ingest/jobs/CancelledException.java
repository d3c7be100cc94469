package io.docqa.ingest.jobs;

/** Thrown inside a worker when someone cancelled the document it is processing. */
public class CancelledException extends RuntimeException {

    private final String by;

    public CancelledException(String by) {
        super("Cancelled by " + by);
        this.by = by;
    }

    public String by() {
        return by;
    }
}
