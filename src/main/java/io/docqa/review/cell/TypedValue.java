package io.docqa.review.cell;

/**
 * A value of an answer type found in a text: characters [start, end) of that text ({@code words}, as written) and
 * its canonical form ({@code normalized}: {@code 2024-03-31}, {@code 1000000 USD}, {@code 36}, {@code 30 days}…).
 */
public record TypedValue(int start, int end, String words, String normalized) {

    /** The same value at offsets shifted by {@code delta} (from a sentence's to its document's). */
    public TypedValue shifted(int delta) {
        return new TypedValue(start + delta, end + delta, words, normalized);
    }
}
