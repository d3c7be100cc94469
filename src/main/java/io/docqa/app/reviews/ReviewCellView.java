package io.docqa.app.reviews;

import io.docqa.review.cell.CellQuote;
import java.time.Instant;
import java.util.List;

/**
 * One cell as a reviewer sees it. {@code status}: {@code queued}, {@code running}, {@code supported},
 * {@code not_found}, {@code unsupported}, {@code conflicting}, {@code error}, {@code cancelled} or
 * {@code document_deleted}. {@code value} is what the table shows: the reviewer's override when there is one (then
 * {@code computedValue} keeps the computed one), else the computed value. {@code rating} is {@code up}/{@code down}
 * (null when not rated).
 */
public record ReviewCellView(long documentId, String column, String status, String value, String computedValue,
        String normalized, Double score, List<CellQuote> quotes, String message, boolean overridden,
        String overriddenBy, Instant overriddenAt, boolean verified, String verifiedBy, Instant verifiedAt,
        boolean flagged, String flaggedBy, Instant flaggedAt, String comment, String commentBy, Instant commentAt,
        String rating, String ratingReason, String ratedBy, Instant ratedAt, int attempts, Instant finishedAt) {
}
