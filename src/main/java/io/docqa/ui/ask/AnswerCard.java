package io.docqa.ui.ask;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.docqa.answer.model.Answer;
import io.docqa.answer.model.Citation;
import io.docqa.answer.model.SentenceCheck;
import io.docqa.app.ask.OpenSource;
import io.docqa.app.ask.SourceService;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One answer: badge, text with clickable citations, sentences its sources do not support marked, notice, the
 * sources (or, when DocQA abstains, the closest passages) and "Copy with citations".
 */
final class AnswerCard extends Div {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    private final SourceService sources;

    AnswerCard(Answer answer, SourceService sources) {
        this.sources = sources;
        addClassName("answer-card");
        Span badge = new Span(answer.grounded()
                ? (Answer.LLM.equals(answer.mode()) ? "Generated from your documents" : "Extracted from your documents")
                : answer.abstained() ? "Not found in the documents" : "Not fully verified");
        badge.addClassNames("mode-badge", answer.grounded() ? "grounded" : "ungrounded");
        add(badge);

        Map<Integer, Citation> byNumber = answer.citations().stream()
                .collect(Collectors.toMap(Citation::n, Function.identity(), (a, b) -> a));
        Paragraph text = new Paragraph();
        text.addClassName("answer-text");
        if (answer.abstained()) {
            text.addClassName("not-found");
        }
        String body = answer.answer();
        int cursor = 0;
        for (SentenceCheck s : answer.sentences()) {
            int at = body.indexOf(s.text(), cursor);
            if (at < 0) {
                continue;
            }
            addWithCitations(text, body.substring(cursor, at), byNumber);
            Span sentence = new Span();
            sentence.addClassName("answer-sentence");
            if (!s.supported()) {
                sentence.addClassName("unsupported");
                sentence.getElement().setAttribute("title", "Not verified: " + s.problem());
            } else {
                sentence.getElement().setAttribute("title", "Supported by its source (score %.2f)".formatted(s.score()));
            }
            addWithCitations(sentence, s.text(), byNumber);
            text.add(sentence);
            cursor = at + s.text().length();
        }
        addWithCitations(text, body.substring(cursor), byNumber);
        add(text);

        if (answer.notice() != null) {
            Div notice = new Div(answer.notice());
            notice.addClassName("notice");
            add(notice);
        }
        if (!answer.citations().isEmpty()) {
            add(new H4("Sources"));
            answer.citations().forEach(c -> add(citationCard(c)));
            Button copy = new Button("Copy with citations", e -> getUI().ifPresent(ui -> ui.getPage()
                    .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", withFootnotes(answer))));
            copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            copy.addClassName("copy-citations");
            add(copy);
        }
        if (!answer.closest().isEmpty()) {
            add(new H4("Closest passages"));
            answer.closest().forEach(c -> add(citationCard(c)));
        }
    }

    private void addWithCitations(com.vaadin.flow.component.HasComponents target, String s, Map<Integer, Citation> byNumber) {
        Matcher m = MARKER.matcher(s);
        int last = 0;
        while (m.find()) {
            target.add(new Span(s.substring(last, m.start())));
            Citation c = byNumber.get(Integer.parseInt(m.group(1)));
            if (c == null) {
                target.add(new Span(m.group()));
            } else {
                Span ref = new Span("[" + c.n() + "]");
                ref.addClassName("citation-ref");
                ref.getElement().setAttribute("title", c.documentName() + (c.page() == null ? "" : ", page " + c.page()));
                ref.addClickListener(e -> openSource(c));
                target.add(ref);
            }
            last = m.end();
        }
        if (last < s.length()) {
            target.add(new Span(s.substring(last)));
        }
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

    /** The answer followed by one footnote per source: document, page and the quoted words. */
    static String withFootnotes(Answer answer) {
        StringBuilder b = new StringBuilder(answer.answer().strip()).append("\n\n");
        List<Citation> citations = answer.citations();
        for (Citation c : citations) {
            b.append('[').append(c.n()).append("] ").append(c.documentName());
            if (c.page() != null) {
                b.append(", page ").append(c.page());
            }
            String quote = c.quote() != null ? c.quote() : abbreviate(c.text(), 300);
            b.append(": “").append(quote.replaceAll("\\s+", " ").strip()).append("”\n");
        }
        return b.toString().strip() + "\n";
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** The dialog shows the document's text: checked against the reader's rights at the moment of opening. */
    private void openSource(Citation c) {
        OpenSource source = Refusals.get(() -> sources.open(CurrentUser.get(), c.documentId()));
        if (source != null) {
            new SourceDialog(c, source).open();
        }
    }
}
