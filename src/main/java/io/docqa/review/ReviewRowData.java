package io.docqa.review;

import java.util.List;

/** A row of a review: its document (by the name it had when added), whether it was deleted, its cells. */
public record ReviewRowData(long documentId, String documentName, boolean documentDeleted, List<Cell> cells) {
}
