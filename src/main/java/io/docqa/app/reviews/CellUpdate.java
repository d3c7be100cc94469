package io.docqa.app.reviews;

/**
 * A reviewer's change to a cell; null fields are left as they are. {@code value} overrides the shown value (the
 * computed one is kept), {@code clearOverride} returns to the computed value; {@code verified}, {@code flagged} set
 * or clear the marks; {@code comment} replaces the comment ("" removes it); {@code rating} {@code up}/{@code down}
 * (or "" to remove) with an optional {@code ratingReason} rates the computed answer.
 */
public record CellUpdate(String value, Boolean clearOverride, Boolean verified, Boolean flagged, String comment,
        String rating, String ratingReason) {
}
