package io.docqa.app.reviews;

import java.util.List;

/** One document of a review with its cells in column order; {@code documentDeleted} when the document is gone. */
public record ReviewRow(long documentId, String documentName, boolean documentDeleted, List<ReviewCellView> cells) {
}
