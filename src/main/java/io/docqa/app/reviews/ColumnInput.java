package io.docqa.app.reviews;

/**
 * A column as a caller describes it: header {@code name}, the {@code question} asked of every document (at most
 * {@link io.docqa.review.ReviewLimits#MAX_QUESTION_CHARS} characters), answer {@code type} as the API spells it
 * ({@code text}, {@code yes/no}, {@code date}, {@code duration}, {@code money}, {@code number}, {@code party list},
 * {@code clause}) and optional {@code instructions}.
 */
public record ColumnInput(String name, String question, String type, String instructions) {
}
