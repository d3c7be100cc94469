package io.docqa.ingest.parse;

/**
 * A structural unit of the extracted text: [start, end) in {@link ParsedDocument#text()}. {@code level} is the
 * heading level (1–6) for headings and 0 otherwise; {@code page} is 1-based or 0 for unpaged formats.
 */
public record Block(Kind kind, int level, int start, int end, int page) {

    public enum Kind { HEADING, PARAGRAPH, LIST_ITEM, TABLE }

    public boolean isHeading() {
        return kind == Kind.HEADING;
    }
}
