package io.docqa.app.reviews;

import java.util.List;

/** A review with its columns (and their counts) and its progress; {@code documents} counts the rows the caller sees. */
public record ReviewDetails(ReviewSummary summary, List<ReviewColumnView> columns, boolean mayEdit) {
}
