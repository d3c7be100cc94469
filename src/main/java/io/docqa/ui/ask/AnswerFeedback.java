package io.docqa.ui.ask;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.docqa.answer.feedback.Feedback;
import io.docqa.app.feedback.FeedbackInput;
import io.docqa.app.feedback.FeedbackService;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.Refusals;
import java.util.Arrays;
import java.util.List;

/**
 * Thumbs up or down under an answer. "Not helpful" asks for a reason and a comment before it sends; rating again
 * replaces the earlier rating.
 */
class AnswerFeedback extends HorizontalLayout {

    private final FeedbackService feedback;
    private final long answerId;
    private final Span status = new Span();
    private final Select<Feedback.Reason> reason = new Select<>();
    private final TextField comment = new TextField();
    private final Button send = new Button("Send");

    AnswerFeedback(FeedbackService feedback, long answerId) {
        this.feedback = feedback;
        this.answerId = answerId;
        addClassName("answer-feedback");
        setAlignItems(Alignment.BASELINE);
        Button up = new Button("👍 Helpful", e -> send("up", null, null));
        up.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        up.addClassName("feedback-up");
        Button down = new Button("👎 Not helpful", e -> askWhy());
        down.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        down.addClassName("feedback-down");
        reason.setItems(Arrays.asList(Feedback.Reason.values()));
        reason.setItemLabelGenerator(AnswerFeedback::label);
        reason.setPlaceholder("Why?");
        reason.addClassName("feedback-reason");
        comment.setPlaceholder("Comment (optional)");
        comment.setMaxLength(Feedback.MAX_COMMENT_CHARS);
        comment.addClassName("feedback-comment");
        send.addThemeVariants(ButtonVariant.LUMO_SMALL);
        send.addClassName("feedback-send");
        send.addClickListener(e -> send("down", reason.getValue() == null ? null : reason.getValue().id(),
                comment.getValue()));
        showWhy(false);
        add(up, down, reason, comment, send, status);
    }

    private void askWhy() {
        showWhy(true);
        status.setText("");
    }

    private void showWhy(boolean visible) {
        reason.setVisible(visible);
        comment.setVisible(visible);
        send.setVisible(visible);
    }

    private void send(String rating, String why, String text) {
        Feedback stored = Refusals.get(() -> feedback.rate(CurrentUser.get(), answerId,
                new FeedbackInput(rating, why, text, List.of())));
        if (stored != null) {
            showWhy(false);
            status.setText(stored.rating() == Feedback.Rating.UP ? "Thanks: marked helpful."
                    : "Thanks: marked not helpful.");
            status.addClassName("feedback-status");
        }
    }

    private static String label(Feedback.Reason r) {
        return switch (r) {
            case WRONG -> "Wrong";
            case INCOMPLETE -> "Incomplete";
            case WRONG_CITATION -> "Wrong citation";
            case SHOULD_HAVE_SAID_NOT_FOUND -> "Should have said \"not found\"";
            case OTHER -> "Other";
        };
    }
}
