package io.docqa.ingest.chunk;

/** A chunk before embedding: [start, end) of the document text, its section and pages. */
public record ChunkDraft(int ordinal, int start, int end, String text, String headingPath, Integer page, Integer pageEnd) {

    /** What the embedding model reads: the section path gives a passage its context. */
    public String embeddingText() {
        return headingPath == null || headingPath.isEmpty() || text.startsWith(headingPath)
                ? text
                : headingPath + "\n" + text;
    }
}
