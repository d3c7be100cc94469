package io.docqa.answer;

/**
 * Source [n] of an answer: the passage ({@code text}) and, where known, the exact words relied on
 * ({@code quote}) at characters [start, end) of the document's extracted text.
 */
public record Citation(int n, long documentId, String documentName, long chunkId, Integer page, String headingPath,
        String text, String quote, int start, int end) {
}
