package io.docqa.ingest.chunk;

import io.docqa.embedding.PassageText;

/**
 * A chunk before embedding: [start, end) of the document text, its section and pages. {@code context} is text
 * that is not part of [start, end) but is needed to understand it, such as the header row of a table whose
 * later rows this chunk holds; it is embedded and indexed with the chunk, while the offsets stay exact.
 */
public record ChunkDraft(int ordinal, int start, int end, String text, String headingPath, Integer page, Integer pageEnd,
        String context) {

    public ChunkDraft(int ordinal, int start, int end, String text, String headingPath, Integer page, Integer pageEnd) {
        this(ordinal, start, end, text, headingPath, page, pageEnd, null);
    }

    /** What the embedding model reads: the section path and the context give a passage its meaning. */
    public String embeddingText() {
        return PassageText.of(text, headingPath, context);
    }
}
