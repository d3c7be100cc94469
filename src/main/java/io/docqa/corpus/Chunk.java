package io.docqa.corpus;

/**
 * A passage of a document's extracted text: {@code text} is exactly
 * {@code documentText.substring(startOffset, endOffset)}. Pages are 1-based and null when the format has none.
 * {@code context} (may be null) is text needed to understand the passage that lies elsewhere in the document,
 * such as the header row of a table split across chunks; it is embedded and indexed with the chunk.
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
        int endOffset,
        String context) {

    /** A chunk without context. */
    public Chunk(long id, long documentId, long collectionId, int ordinal, String text, String headingPath, Integer page,
            Integer pageEnd, int startOffset, int endOffset) {
        this(id, documentId, collectionId, ordinal, text, headingPath, page, pageEnd, startOffset, endOffset, null);
    }
}
