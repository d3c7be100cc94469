package io.docqa.answer.feedback;

import java.time.Instant;
import java.util.List;

/** A user's rating of one answer: {@code up} or {@code down}, why, a comment and the passages that were right. */
public record Feedback(long id, long answerId, String author, Rating rating, Reason reason, String comment,
        List<Long> correctChunkIds, Instant createdAt, Instant updatedAt) {

    /** Longest comment kept; the service refuses longer ones. */
    public static final int MAX_COMMENT_CHARS = 2000;
    /** Most passages one rating may mark as the right ones. */
    public static final int MAX_CORRECT_CHUNKS = 20;

    public Feedback {
        correctChunkIds = correctChunkIds == null ? List.of() : List.copyOf(correctChunkIds);
    }

    public enum Rating {
        UP, DOWN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Reason {
        WRONG, INCOMPLETE, WRONG_CITATION, SHOULD_HAVE_SAID_NOT_FOUND, OTHER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A feedback row with the answer it rates, for administrators' lists and datasets. */
    public record Rated(Feedback feedback, AnswerRecord answer) {
    }
}
