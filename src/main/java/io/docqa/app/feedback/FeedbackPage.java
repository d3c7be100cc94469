package io.docqa.app.feedback;

import io.docqa.answer.feedback.Feedback;
import java.util.List;

/** One page of feedback with the answers rated, and how many match in all. */
public record FeedbackPage(List<Feedback.Rated> rows, long total) {
}
