package io.docqa.review;

import io.docqa.review.cell.ReviewColumn;

/** A column of a review as stored: the column and its position (left to right, from 0). */
public record StoredColumn(ReviewColumn column, int position) {
}
