package io.docqa.ingest.parse;

/**
 * A structural unit of the extracted text: [start, end) in {@link ParsedDocument#text()}. {@code level} is the
 * heading level (1–6) for headings, the nesting depth of its list (1–6) for a definition-list term, and 0 otherwise; {@code page} is 1-based or 0 for unpaged formats.
 */
public record Block(Kind kind, int level, int start, int end, int page) {

    /**
     * {@code TERM} is the term a definition list describes (HTML {@code <dt>}: an option, a variable, a command);
     * its description follows as paragraphs. Appended last: the ordinal is how blocks cross to the parser process.
     */
    public enum Kind { HEADING, PARAGRAPH, LIST_ITEM, TABLE, TERM }

    public boolean isHeading() {
        return kind == Kind.HEADING;
    }
}
