package io.docqa.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Uploaded files as they were received, one per document id, so that a document can be parsed, shown (PDF pages)
 * and re-processed by any instance. An upload is first staged in a local temporary file while it is hashed (never
 * held in memory), then kept under its document's id. Kept originals never change: a new version is a new document.
 */
public interface OriginalsStore {

    /** A staged upload: its bytes in a local temporary file, and their SHA-256. */
    record Staged(Path file, long size, String sha256) {
    }

    /** A local copy of a document's original, readable until closed. */
    interface LocalOriginal extends AutoCloseable {
        Path path();

        @Override
        void close();
    }

    /** Copies an upload into a local temporary file while hashing it; the stream is read once. */
    Staged stage(InputStream in) throws IOException;

    /**
     * Stores a staged upload as the original of {@code documentId}; the staged file is used up.
     *
     * @throws StoreUnavailableException when the store cannot take it (nothing is kept then)
     */
    void keep(Staged staged, long documentId) throws IOException;

    /** Drops a staged upload that is not kept. */
    void discard(Staged staged);

    /** Gives document {@code to} the same original as {@code from}. */
    void copy(long from, long to) throws IOException;

    /** Whether document {@code documentId} has a kept original. */
    boolean exists(long documentId) throws IOException;

    /**
     * A local file holding the original of {@code documentId}, for parsing and page rendering; close it when done.
     * The filesystem store gives its own file (which may be missing); the s3 store downloads it into the bounded
     * cache unless it is there already.
     *
     * @throws java.nio.file.NoSuchFileException when the object store has no such original
     * @throws StoreUnavailableException when the object store cannot be reached
     */
    LocalOriginal open(long documentId) throws IOException;

    /** Removes the original of {@code documentId}, if any. */
    void delete(long documentId) throws IOException;

    /** Where originals are kept, for the log and for operators: a directory or {@code s3://bucket/prefix}. */
    String describe();
}
