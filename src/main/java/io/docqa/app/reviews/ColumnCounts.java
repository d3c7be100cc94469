package io.docqa.app.reviews;

/** Per column, how many of its cells (that the caller can see) are in each state and how many are verified / flagged. */
public record ColumnCounts(long supported, long notFound, long unsupported, long conflicting, long error, long pending,
        long cancelled, long documentDeleted, long verified, long flagged, long overridden) {
}
