package io.docqa.review;

/** The limits of a review, shared by the schema, validation and the UI. */
public final class ReviewLimits {

    /** Longest review, template or column name. */
    public static final int MAX_NAME_CHARS = 200;
    /** Longest column question. */
    public static final int MAX_QUESTION_CHARS = 2_000;
    /** Longest column instructions. */
    public static final int MAX_INSTRUCTIONS_CHARS = 2_000;
    /** Most documents (rows) of one review. */
    public static final int MAX_DOCUMENTS = 10_000;
    /** Most columns of one review or template. */
    public static final int MAX_COLUMNS = 50;
    /** Longest override value or comment of a cell. */
    public static final int MAX_CELL_TEXT_CHARS = 5_000;

    private ReviewLimits() {
    }
}
