package io.docqa.app.reviews;

/**
 * Which rows of a review to read: a page ({@code offset} default 0, {@code limit} default
 * {@link ReviewService#DEFAULT_PAGE}, at most {@link ReviewService#MAX_PAGE}), optionally only rows whose cell in
 * {@code column} has {@code status} and/or whose value contains {@code text} (case-insensitive). Without
 * {@code column}, {@code status} and {@code text} match any cell of the row.
 */
public record CellQuery(Integer offset, Integer limit, String column, String status, String text) {
}
