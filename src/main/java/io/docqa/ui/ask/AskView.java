package io.docqa.ui.ask;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.KeyModifier;
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
import com.vaadin.flow.server.VaadinRequest;
import io.docqa.answer.Answer;
import io.docqa.answer.AnswerService;
import io.docqa.answer.conversation.ConversationService;
import io.docqa.answer.source.PdfPages;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentFilter;
import io.docqa.corpus.DocumentRepository;
import io.docqa.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.security.Principal;
import com.vaadin.flow.component.notification.Notification;
import io.docqa.answer.Citation;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.docqa.security.audit.RetrievalRecorder;
import io.docqa.ui.CurrentUser;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ask a question; the answer shows numbered citations that open the cited passage in context, marks sentences
 * its sources do not support, and is kept in the selected conversation (a new one is started when none is).
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Ask · DocQA")
@PermitAll
public class AskView extends VerticalLayout {

    static final int QUESTION_MAX_LENGTH = 4000;

    private final AnswerService answers;
    private final ConversationService conversations;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final RetrievalRecorder recorder;
    private final RateLimiter limiter;
    private final DocumentRepository documents;
    private final PdfPages pages;
    private final String user;
    private final ConversationBar conversationBar;
    private final MultiSelectComboBox<DocumentCollection> scope = new MultiSelectComboBox<>("Collections");
    private final TextArea question = new TextArea("Question");
    private final Div result = new Div();
    private final FilterRow filters = new FilterRow();
    private final DocumentAttributes attributes;

    public AskView(AnswerService answers, DocumentRepository documents, ConversationService conversations,
            AccessPolicy access, AuditLog audit, RetrievalRecorder recorder, RateLimiter limiter, PdfPages pages,
            DocumentAttributes attributes) {
        this.attributes = attributes;
        this.answers = answers;
        this.pages = pages;
        this.documents = documents;
        this.conversations = conversations;
        this.access = access;
        this.audit = audit;
        this.recorder = recorder;
        this.limiter = limiter;
        Principal principal = VaadinRequest.getCurrent() == null ? null : VaadinRequest.getCurrent().getUserPrincipal();
        this.user = principal == null ? "anonymous" : principal.getName();
        addClassName("ask-view");

        scope.setItems(access.readableCollections(CurrentUser.get()));
        scope.setItemLabelGenerator(DocumentCollection::name);
        scope.setPlaceholder("All collections");
        scope.setWidthFull();
        scope.setId("collections");

        question.setWidthFull();
        question.setMaxLength(QUESTION_MAX_LENGTH);
        question.setPlaceholder("e.g. What is the notice period for termination?");
        question.setHelperText("Ctrl+Enter to ask");
        question.setValueChangeMode(ValueChangeMode.EAGER);

        Button ask = new Button("Ask", e -> ask());
        ask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ask.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        ask.setId("ask-button");

        result.setWidthFull();
        result.setId("answer");
        conversationBar = new ConversationBar(conversations, user, documents, access, pages, this::showConversation);
        add(new H2("Ask your documents"), conversationBar, scope, filters, question, ask, result);
    }

    private void ask() {
        String q = question.getValue() == null ? "" : question.getValue().strip();
        result.removeAll();
        if (q.isEmpty()) {
            question.setInvalid(true);
            question.setErrorMessage("Type a question first.");
            return;
        }
        question.setInvalid(false);
        Optional<DocumentFilter> filter = filters.filter();
        if (filter.isEmpty()) {
            return;
        }
        Caller caller = CurrentUser.get();
        RateLimiter.Decision allowed = limiter.tryAcquire(caller.username());
        if (!allowed.allowed()) {
            Notification.show("Too many questions: wait " + Math.max(1, allowed.retryAfter().toSeconds()) + " s and try again.");
            return;
        }
        // none selected: every collection the user may read now; re-checked, memberships may have changed
        List<Long> chosen = scope.getSelectedItems().stream().map(DocumentCollection::id).sorted().toList();
        List<Long> ids = access.scope(caller, chosen);
        List<Long> documentIds = filter.get().isEmpty() ? null : attributes.matching(ids, filter.get());
        conversationBar.ensureSelected(q);
        long conversation = conversationBar.selectedId().orElseThrow();
        result.removeAll();
        conversationBar.showHistory(result);
        Paragraph asked = new Paragraph(q);
        asked.addClassName("turn-question");
        result.add(asked);
        if (!answers.usesLlm()) {
            Answer answer = conversations.ask(user, conversation, q, ids, chosen, documentIds, null).answer();
            record(q, ids, answer, recorder.retrieved());
            show(answer);
            conversationBar.refresh();
            return;
        }
        // the model's tokens are pushed to the browser as they arrive; the verified answer then replaces them
        Paragraph live = new Paragraph();
        live.addClassNames("answer-text", "streaming");
        result.add(live);
        UI ui = UI.getCurrent();
        List<Long> scopeIds = ids;
        Thread.ofVirtual().name("ask-stream").start(() -> {
            Answer answer;
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate(); // the audit notes what retrieval returned in this request
            try {
                answer = conversations.ask(user, conversation, q, scopeIds, chosen, documentIds,
                        token -> ui.access(() -> live.add(new Span(token)))).answer();
                record(q, scopeIds, answer, recorder.retrieved());
            } catch (RuntimeException e) {
                ui.access(() -> {
                    live.removeAll();
                    live.setText("The question could not be answered: " + e.getMessage());
                });
                return;
            } finally {
                requestContext.terminate();
            }
            ui.access(() -> {
                result.remove(live);
                show(answer);
                conversationBar.refresh();
            });
        });
    }

    private void record(String q, List<Long> scopeIds, Answer answer, List<Long> retrieved) {
        audit.record(user, AuditAction.ASK, scopeIds, null, Map.of(
                "question", q,
                "retrieved", retrieved,
                "cited", answer.citations().stream().map(Citation::chunkId).toList(),
                "answer", answer.answer(),
                "grounded", answer.grounded(),
                "mode", answer.mode(),
                "via", "ui"));
    }

    private void showConversation() {
        result.removeAll();
        // a reopened conversation asks over the collections it was asked over, those the user may still read
        conversationBar.selectedId().ifPresent(id -> {
            List<Long> stored = access.stillReadable(CurrentUser.get(), conversations.require(user, id).collectionIds());
            scope.setValue(scope.getListDataView().getItems().filter(c -> stored.contains(c.id()))
                    .collect(java.util.stream.Collectors.toSet()));
        });
        conversationBar.showHistory(result);
    }

    private void show(Answer answer) {
        result.add(new AnswerCard(answer, documents, access, pages));
    }
}
