package io.docqa.review.cell;

/**
 * The verbatim words of the document a cell relies on: characters [start, end) of the document's extracted text,
 * within chunk {@code chunkId}, on {@code page} when the format has pages (else null).
 */
public record CellQuote(long chunkId, int start, int end, Integer page, String text) {
}
