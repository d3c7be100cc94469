package io.docqa.app.feedback;

import java.util.List;

/**
 * A rating as an adapter received it: {@code rating} "up" or "down", optional {@code reason} (wrong, incomplete,
 * wrong_citation, should_have_said_not_found, other), {@code comment} and the ids of the passages that hold the right
 * answer ({@code correctChunkIds}).
 */
public record FeedbackInput(String rating, String reason, String comment, List<Long> correctChunkIds) {
}
