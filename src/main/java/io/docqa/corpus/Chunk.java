package io.docqa.corpus;

/**
 * A passage of a document's extracted text: {@code text} is exactly
 * {@code documentText.substring(startOffset, endOffset)}. Pages are 1-based and null when the format has none.
 */
public record Chunk(
        long id,
        long documentId,
        long collectionId,
        int ordinal,
        String text,
        String headingPath,
        Integer page,
        Integer pageEnd,
        int startOffset,
        int endOffset) {
}
