package io.docqa.ingest.parse;

import java.nio.file.Path;

/** Turns a stored file into text with structure. */
public interface DocumentParser {

    /**
     * @param file the file's bytes on disk
     * @param fileName the name the user gave it (its extension is checked against the content)
     */
    ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException;

    /** As {@link #parse(Path, String)} with a pipeline's parser options (OCR, size limit, timeout). */
    ParsedDocument parse(Path file, String fileName, ParseOptions options) throws DocumentRejectedException;

    /**
     * The quick checks of {@link #parse} that need no parsing (empty, too large, executable, unknown binary,
     * content contradicting the name), so that an upload can be refused at once.
     */
    void precheck(Path file, String fileName) throws DocumentRejectedException;
}
