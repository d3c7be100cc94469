package io.docqa.review;

/** Where a cell is as a job; a DONE cell has a {@link io.docqa.review.cell.CellStatus}. */
public enum CellState {
    QUEUED, RUNNING, DONE, CANCELLED, DOCUMENT_DELETED;

    /** Whether the cell still has to be computed. */
    public boolean pending() {
        return this == QUEUED || this == RUNNING;
    }
}
