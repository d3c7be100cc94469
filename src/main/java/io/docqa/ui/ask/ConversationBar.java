package io.docqa.ui.ask;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.docqa.answer.conversation.Conversation;
import io.docqa.answer.conversation.Turn;
import io.docqa.app.ask.SourceService;
import io.docqa.app.conversations.ConversationsService;
import io.docqa.app.conversations.ConversationsService.Detail;
import io.docqa.app.conversations.ConversationsService.Listed;
import io.docqa.app.feedback.FeedbackService;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.Optional;

/** The signed-in user's conversations: pick one to reopen it, start a new one, delete the selected one. */
final class ConversationBar extends HorizontalLayout {

    private final ConversationsService conversations;
    private final SourceService sources;
    private final FeedbackService feedback;
    private final Select<Conversation> select = new Select<>();

    ConversationBar(ConversationsService conversations, SourceService sources, FeedbackService feedback,
            Runnable onChange) {
        this.conversations = conversations;
        this.sources = sources;
        this.feedback = feedback;
        addClassName("conversation-bar");
        select.setLabel("Conversation");
        select.setId("conversation");
        select.setItemLabelGenerator(c -> c == null ? "New conversation" : c.title());
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption("New conversation");
        select.setWidth("28em");
        select.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                onChange.run();
            }
        });
        Button fresh = new Button("New conversation", e -> {
            select.clear();
            onChange.run();
        });
        fresh.setId("new-conversation");
        Button delete = new Button("Delete", e -> {
            Conversation c = select.getValue();
            if (c != null) {
                Refusals.run(() -> conversations.delete(CurrentUser.get(), c.id()));
                select.clear();
                refresh();
                onChange.run();
            }
        });
        delete.setId("delete-conversation");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        add(select, fresh, delete);
        refresh();
    }

    Optional<Long> selectedId() {
        return Optional.ofNullable(select.getValue()).map(Conversation::id);
    }

    /** Selects the conversation (one the ask service just started, say), reloading the list first. */
    void select(long id) {
        refresh();
        select.getListDataView().getItems().filter(x -> x.id() == id).findFirst().ifPresent(select::setValue);
    }

    /** Reloads the list (titles and order change as questions are asked), keeping the selection. */
    void refresh() {
        Conversation current = select.getValue();
        List<Conversation> items = Optional.ofNullable(Refusals.get(() -> conversations.list(CurrentUser.get())))
                .orElse(List.of()).stream().map(Listed::conversation).toList();
        select.setItems(items);
        if (current != null) {
            items.stream().filter(x -> x.id() == current.id()).findFirst().ifPresent(select::setValue);
        }
    }

    /** The selected conversation with its turns, or empty when none is selected (or it is gone). */
    Optional<Detail> selected() {
        Conversation c = select.getValue();
        return c == null ? Optional.empty() : Optional.ofNullable(Refusals.get(() -> conversations.get(CurrentUser.get(), c.id())));
    }

    /**
     * Shows the earlier questions and answers of the selected conversation, as they were answered, each recorded one
     * with its thumbs, so that an earlier answer can be rated too.
     */
    void showHistory(Div target) {
        selected().ifPresent(d -> {
            for (Turn t : d.turns()) {
                Paragraph q = new Paragraph(t.question());
                q.addClassName("turn-question");
                target.add(q, new AnswerCard(t.answer(), sources));
                if (t.answerId() != null) {
                    target.add(new AnswerFeedback(feedback, t.answerId()));
                }
            }
        });
    }
}
