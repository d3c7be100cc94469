package io.docqa.ingest.parse;

import java.time.Instant;
import java.util.List;

/**
 * Text extracted from a file with its structure. {@code pageStarts[i]} is the offset where page i+1 begins;
 * it is empty for formats without pages. {@code warnings} name what could not be read although the document is
 * usable (an attachment or archive member that was skipped, an image that was not read by OCR). {@code documentDate}
 * is the file's own creation (else modification) date from its metadata, null when it has none.
 */
public record ParsedDocument(String contentType, String text, List<Block> blocks, int[] pageStarts,
        List<String> warnings, Instant documentDate) {

    public ParsedDocument {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ParsedDocument(String contentType, String text, List<Block> blocks, int[] pageStarts) {
        this(contentType, text, blocks, pageStarts, List.of(), null);
    }

    public ParsedDocument(String contentType, String text, List<Block> blocks, int[] pageStarts,
            List<String> warnings) {
        this(contentType, text, blocks, pageStarts, warnings, null);
    }

    public ParsedDocument withDocumentDate(Instant date) {
        return new ParsedDocument(contentType, text, blocks, pageStarts, warnings, date);
    }

    public Integer pageCount() {
        return pageStarts.length == 0 ? null : pageStarts.length;
    }

    /** The 1-based page holding the character at {@code offset}, or null for unpaged formats. */
    public Integer pageAt(int offset) {
        if (pageStarts.length == 0) {
            return null;
        }
        int lo = 0;
        int hi = pageStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (pageStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }
}
