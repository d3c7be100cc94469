package io.docqa.ui.ask;

import io.docqa.security.AccessPolicy;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.docqa.answer.conversation.Conversation;
import io.docqa.answer.conversation.ConversationService;
import io.docqa.answer.conversation.Turn;
import io.docqa.answer.source.PdfPages;
import io.docqa.corpus.DocumentRepository;
import java.util.List;
import java.util.Optional;

/** The signed-in user's conversations: pick one to reopen it, start a new one, delete the selected one. */
final class ConversationBar extends HorizontalLayout {

    private final ConversationService conversations;
    private final String user;
    private final DocumentRepository documents;
    private final AccessPolicy access;
    private final PdfPages pages;
    private final Select<Conversation> select = new Select<>();

    ConversationBar(ConversationService conversations, String user, DocumentRepository documents, AccessPolicy access,
            PdfPages pages, Runnable onChange) {
        this.access = access;
        this.pages = pages;
        this.conversations = conversations;
        this.user = user;
        this.documents = documents;
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
                conversations.delete(user, c.id());
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

    /** Starts a conversation titled by the question when none is selected. */
    void ensureSelected(String question) {
        if (select.getValue() == null) {
            Conversation c = conversations.create(user, question);
            refresh();
            select.getListDataView().getItems().filter(x -> x.id() == c.id()).findFirst().ifPresent(select::setValue);
        }
    }

    Optional<Long> selectedId() {
        return Optional.ofNullable(select.getValue()).map(Conversation::id);
    }

    /** Reloads the list (titles and order change as questions are asked), keeping the selection. */
    void refresh() {
        Conversation current = select.getValue();
        List<Conversation> items = conversations.list(user);
        select.setItems(items);
        if (current != null) {
            items.stream().filter(x -> x.id() == current.id()).findFirst().ifPresent(select::setValue);
        }
    }

    /** Shows the earlier questions and answers of the selected conversation, as they were answered. */
    void showHistory(Div target) {
        Conversation c = select.getValue();
        if (c == null) {
            return;
        }
        for (Turn t : conversations.turns(user, c.id())) {
            Paragraph q = new Paragraph(t.question());
            q.addClassName("turn-question");
            target.add(q, new AnswerCard(t.answer(), documents, access, pages));
        }
    }
}
