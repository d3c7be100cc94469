package io.docqa.app.reviews;

/**
 * What to compute again: every cell of {@code column}, every cell of the row {@code documentId} (both: that one cell),
 * or with {@code failed} true the cells that ended in error or were cancelled. Exactly one scope must be chosen.
 */
public record RerunInput(String column, Long documentId, Boolean failed) {
}
