package io.docqa.ui.ask;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import io.docqa.answer.Citation;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentRepository.TextWindow;

/** Shows a cited passage in its surrounding text, with the cited words highlighted. */
final class SourceDialog extends Dialog {

    /** Characters of context shown on each side of the cited span. */
    static final int CONTEXT_CHARS = 800;

    SourceDialog(Citation citation, DocumentRepository documents) {
        setHeaderTitle("[" + citation.n() + "] " + citation.documentName()
                + (citation.page() == null ? "" : " · page " + citation.page()));
        setWidth("min(900px, 95vw)");
        Div body = new Div();
        body.addClassName("context-text");
        if (citation.headingPath() != null) {
            Span section = new Span(citation.headingPath());
            section.addClassName("citation-source");
            add(section);
        }
        int start = citation.start();
        int end = citation.end();
        TextWindow window = documents.textAround(citation.documentId(), start, end, CONTEXT_CHARS).orElse(null);
        if (window == null) {
            body.setText(citation.text());
        } else {
            String t = window.text();
            int from = clamp(start - window.offset(), t.length());
            int to = clamp(end - window.offset(), t.length());
            Element el = body.getElement();
            el.appendChild(Element.createText((window.offset() > 0 ? "…" : "") + t.substring(0, from)));
            Element mark = new Element("mark");
            mark.setText(t.substring(from, to));
            el.appendChild(mark);
            el.appendChild(Element.createText(t.substring(to) + "…"));
            addOpenedChangeListener(e -> {
                if (e.isOpened()) {
                    mark.executeJs("this.scrollIntoView({block: 'center'})");
                }
            });
        }
        add(body);
        Button close = new Button("Close", e -> close());
        getFooter().add(close);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
