package io.docqa.review;

import io.docqa.review.cell.CellQuote;
import io.docqa.review.cell.CellStatus;
import java.time.Instant;
import java.util.List;

/**
 * One stored cell: its job state, the computed answer ({@code status} … {@code message}, set when DONE) and the
 * reviewer's marks, each with who and when.
 */
public record Cell(long reviewId, long documentId, String columnKey, CellState state, int attempts, Instant startedAt,
        Instant finishedAt, CellStatus status, String value, String normalized, Double score, List<CellQuote> quotes,
        String message, Mark override, String overrideValue, Mark verified, Mark flagged, Mark comment,
        String commentText, Mark rated, String rating, String ratingReason) {

    /** Who set a mark and when (null fields: not set). */
    public record Mark(String by, Instant at) {
        public boolean set() {
            return at != null;
        }
    }

    /** The value a reviewer sees: their override when there is one, else the computed value. */
    public String shownValue() {
        return override.set() ? overrideValue : value;
    }

    /** One word for the cell: the job state while it is not DONE, else the answer's status (API spelling). */
    public String statusWord() {
        return state == CellState.DONE && status != null ? status.name().toLowerCase(java.util.Locale.ROOT)
                : state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
