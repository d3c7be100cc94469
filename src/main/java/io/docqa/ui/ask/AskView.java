package io.docqa.ui.ask;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.docqa.app.UseCaseException;
import io.docqa.app.ask.AskInput;
import io.docqa.app.ask.AskResult;
import io.docqa.app.ask.AskService;
import io.docqa.app.ask.Channel;
import io.docqa.app.ask.Question;
import io.docqa.app.ask.SourceService;
import io.docqa.app.conversations.ConversationsService;
import io.docqa.app.feedback.FeedbackService;
import io.docqa.corpus.DocumentCollection;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ask a question; the answer shows numbered citations that open the cited passage in context, marks sentences
 * its sources do not support, and is kept in the selected conversation (a new one is started when none is). The
 * rules (rate limit, length, filters, scope, audit) are the ask service's, the same as the REST API's.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Ask · DocQA")
@PermitAll
public class AskView extends VerticalLayout {

    private final AskService asks;
    private final SourceService sources;
    private final FeedbackService feedback;
    private final ConversationBar conversationBar;
    private final MultiSelectComboBox<DocumentCollection> scope = new MultiSelectComboBox<>("Collections");
    private final TextArea question = new TextArea("Question");
    private final Div result = new Div();
    private final FilterRow filters = new FilterRow();

    public AskView(AskService asks, ConversationsService conversations, SourceService sources,
            FeedbackService feedback) {
        this.asks = asks;
        this.feedback = feedback;
        this.sources = sources;
        addClassName("ask-view");

        List<DocumentCollection> readable = Refusals.get(() -> asks.collections(CurrentUser.get()));
        scope.setItems(readable == null ? List.of() : readable);
        scope.setItemLabelGenerator(DocumentCollection::name);
        scope.setPlaceholder("All collections");
        scope.setWidthFull();
        scope.setId("collections");

        question.setWidthFull();
        question.setMaxLength(AskService.MAX_QUESTION_CHARS);
        question.setPlaceholder("e.g. What is the notice period for termination?");
        question.setHelperText("Ctrl+Enter to ask");
        question.setValueChangeMode(ValueChangeMode.EAGER);

        Button ask = new Button("Ask", e -> ask());
        ask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ask.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        ask.setId("ask-button");

        result.setWidthFull();
        result.setId("answer");
        conversationBar = new ConversationBar(conversations, sources, feedback, this::showConversation);
        add(new H2("Ask your documents"), conversationBar, scope, filters, question, ask, result);
    }

    private void ask() {
        result.removeAll();
        question.setInvalid(false);
        // none selected: every collection the user may read now (or the ones the conversation remembers)
        List<Long> chosen = scope.getSelectedItems().stream().map(DocumentCollection::id).sorted().toList();
        AskInput input = new AskInput(question.getValue(), chosen, conversationBar.selectedId().orElse(null),
                filters.filter(), true);
        Question prepared;
        try {
            prepared = asks.prepare(asks.admit(CurrentUser.get(), Channel.UI), input);
        } catch (UseCaseException e) {
            refused(e);
            return;
        }
        conversationBar.select(prepared.conversationId());
        conversationBar.showHistory(result);
        Paragraph asked = new Paragraph(prepared.text());
        asked.addClassName("turn-question");
        result.add(asked);
        if (!asks.streams()) {
            Refusals.run(() -> answered(asks.answer(prepared, null)));
            return;
        }
        // the model's tokens are pushed to the browser as they arrive; the verified answer then replaces them
        Paragraph live = new Paragraph();
        live.addClassNames("answer-text", "streaming");
        result.add(live);
        UI ui = UI.getCurrent();
        Thread.ofVirtual().name("ask-stream").start(() -> {
            try {
                AskResult answered = asks.answer(prepared, token -> ui.access(() -> live.add(new Span(token))));
                ui.access(() -> {
                    result.remove(live);
                    answered(answered);
                });
            } catch (RuntimeException e) {
                ui.access(() -> {
                    live.removeAll();
                    live.setText("The question could not be answered: " + e.getMessage());
                });
            }
        });
    }

    /** A refused question: the field it concerns is marked, anything else is a notification. */
    private void refused(UseCaseException e) {
        if (e.getMessage().startsWith("\"question\"")) {
            question.setErrorMessage(e.getMessage());
            question.setInvalid(true);
        } else if (!filters.mark(e.getMessage())) {
            Refusals.show(e);
        }
    }

    private void answered(AskResult answered) {
        result.add(new AnswerCard(answered.answer(), sources));
        if (answered.answerId() != null) {
            result.add(new AnswerFeedback(feedback, answered.answerId()));
        }
        conversationBar.refresh();
    }

    private void showConversation() {
        result.removeAll();
        // a reopened conversation asks over the collections it was asked over, those the user may still read
        conversationBar.selected().ifPresent(d -> scope.setValue(scope.getListDataView().getItems()
                .filter(c -> d.collectionIds().contains(c.id())).collect(Collectors.toSet())));
        conversationBar.showHistory(result);
    }
}
