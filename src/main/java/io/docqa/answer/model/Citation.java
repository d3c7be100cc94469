package io.docqa.answer.model;

/**
 * Source [n] of an answer: the passage ({@code text}) and, where known, the exact words relied on
 * ({@code quote}) at characters [start, end) of the document's extracted text. {@code addedFor} says why the
 * passage was added to the retrieved ones (a definition, a cited clause), null when retrieval found it.
 */
public record Citation(int n, long documentId, String documentName, long chunkId, Integer page, String headingPath,
        String text, String quote, int start, int end, String addedFor) {

    /** A source that retrieval found. */
    public Citation(int n, long documentId, String documentName, long chunkId, Integer page, String headingPath,
            String text, String quote, int start, int end) {
        this(n, documentId, documentName, chunkId, page, headingPath, text, quote, start, end, null);
    }
}
