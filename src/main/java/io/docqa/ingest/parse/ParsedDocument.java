package io.docqa.ingest.parse;

import java.util.List;

/**
 * Text extracted from a file with its structure. {@code pageStarts[i]} is the offset where page i+1 begins;
 * it is empty for formats without pages.
 */
public record ParsedDocument(String contentType, String text, List<Block> blocks, int[] pageStarts) {

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
