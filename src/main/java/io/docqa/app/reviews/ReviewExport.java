package io.docqa.app.reviews;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An export allowed and audited, ready to stream: {@code fileName} and {@code mediaType} for the response, and the
 * body written by {@link #writeTo} (rows are read from the database as they are written, never all at once).
 */
public record ReviewExport(String fileName, String mediaType, Body body) {

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public void writeTo(OutputStream out) throws IOException {
        body.writeTo(out);
    }
}
