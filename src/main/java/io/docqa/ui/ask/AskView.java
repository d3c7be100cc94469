package io.docqa.ui.ask;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.docqa.answer.Answer;
import io.docqa.answer.AnswerService;
import io.docqa.answer.Citation;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentRepository;
import io.docqa.ui.MainLayout;
import io.docqa.ui.CurrentUser;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.docqa.security.audit.RetrievalRecorder;
import com.vaadin.flow.component.notification.Notification;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Ask a question; the answer shows numbered citations that open the cited passage in context. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Ask · DocQA")
@PermitAll
public class AskView extends VerticalLayout {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");
    static final int QUESTION_MAX_LENGTH = 4000;

    private final AnswerService answers;
    private final DocumentRepository documents;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final RetrievalRecorder recorder;
    private final RateLimiter limiter;
    private final MultiSelectComboBox<DocumentCollection> scope = new MultiSelectComboBox<>("Collections");
    private final TextArea question = new TextArea("Question");
    private final Div result = new Div();

    public AskView(AnswerService answers, CollectionRepository collections, DocumentRepository documents,
            AccessPolicy access, AuditLog audit, RetrievalRecorder recorder, RateLimiter limiter) {
        this.answers = answers;
        this.documents = documents;
        this.access = access;
        this.audit = audit;
        this.recorder = recorder;
        this.limiter = limiter;
        addClassName("ask-view");

        scope.setItems(access.readableCollections(CurrentUser.get()));
        scope.setItemLabelGenerator(DocumentCollection::name);
        scope.setPlaceholder("All collections");
        scope.setWidthFull();

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
        add(new H2("Ask your documents"), scope, question, ask, result);
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
        List<Long> ids = scope.getSelectedItems().stream().map(DocumentCollection::id).toList();
        // none selected: every collection the user may read now (access.scope below)
        Caller caller = CurrentUser.get();
        RateLimiter.Decision allowed = limiter.tryAcquire(caller.username());
        if (!allowed.allowed()) {
            Notification.show("Too many questions: wait " + Math.max(1, allowed.retryAfter().toSeconds()) + " s and try again.");
            return;
        }
        List<Long> scoped = access.scope(caller, ids); // re-checked: memberships may have changed since the page opened
        Answer answer = answers.ask(q, scoped);
        audit.record(caller.username(), AuditAction.ASK, scoped, null, Map.of(
                "question", q,
                "retrieved", recorder.retrieved(),
                "cited", answer.citations().stream().map(Citation::chunkId).toList(),
                "answer", answer.answer(),
                "grounded", answer.grounded(),
                "mode", answer.mode(),
                "via", "ui"));
        show(answer);
    }

    private void show(Answer answer) {
        Div card = new Div();
        card.addClassName("answer-card");
        Span badge = new Span(answer.grounded()
                ? (Answer.LLM.equals(answer.mode()) ? "Generated from your documents" : "Extracted from your documents")
                : "Not found in the documents");
        badge.addClassNames("mode-badge", answer.grounded() ? "grounded" : "ungrounded");
        card.add(badge);

        Map<Integer, Citation> byNumber = answer.citations().stream()
                .collect(Collectors.toMap(Citation::n, Function.identity(), (a, b) -> a));
        Paragraph text = new Paragraph();
        text.addClassName("answer-text");
        if (!answer.grounded() && answer.citations().isEmpty()) {
            text.addClassName("not-found");
        }
        Matcher m = MARKER.matcher(answer.answer());
        int last = 0;
        while (m.find()) {
            text.add(new Span(answer.answer().substring(last, m.start())));
            Citation c = byNumber.get(Integer.parseInt(m.group(1)));
            if (c == null) {
                text.add(new Span(m.group()));
            } else {
                Span ref = new Span("[" + c.n() + "]");
                ref.addClassName("citation-ref");
                ref.getElement().setAttribute("title", c.documentName() + (c.page() == null ? "" : ", page " + c.page()));
                ref.addClickListener(e -> openSource(c));
                text.add(ref);
            }
            last = m.end();
        }
        text.add(new Span(answer.answer().substring(last)));
        card.add(text);

        if (answer.notice() != null) {
            Div notice = new Div(answer.notice());
            notice.addClassName("notice");
            card.add(notice);
        }
        if (!answer.citations().isEmpty()) {
            card.add(new H4("Sources"));
            for (Citation c : answer.citations()) {
                card.add(citationCard(c));
            }
        }
        result.add(card);
    }

    private Div citationCard(Citation c) {
        Div card = new Div();
        card.addClassName("citation-card");
        Span source = new Span();
        source.addClassName("citation-source");
        source.add(new Span("[" + c.n() + "] "));
        Span name = new Span(c.documentName());
        name.getElement().getStyle().set("font-weight", "600");
        source.add(name);
        if (c.page() != null) {
            source.add(new Span(" · page " + c.page()));
        }
        if (c.headingPath() != null) {
            source.add(new Span(" · " + c.headingPath()));
        }
        Paragraph quote = new Paragraph(c.quote() != null ? "“" + c.quote() + "”" : abbreviate(c.text(), 400));
        quote.addClassName("citation-quote");
        card.add(source, quote);
        card.getElement().setAttribute("title", "Show in context");
        card.addClickListener(e -> openSource(c));
        return card;
    }

    /** The dialog shows the document's text: checked against the reader's rights at the moment of opening. */
    private void openSource(Citation c) {
        access.requireReadableDocument(CurrentUser.get(), c.documentId());
        new SourceDialog(c, documents).open();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
