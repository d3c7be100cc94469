package io.docqa.retrieve;

/** A retriever configuration was asked for that this server cannot run (e.g. re-ranking without a model). */
public class UnavailableRetrieverException extends RuntimeException {
    public UnavailableRetrieverException(String message) {
        super(message);
    }
}
