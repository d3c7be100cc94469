package io.docqa.ui.ask;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.docqa.answer.model.Citation;
import io.docqa.answer.source.PageHighlight;
import io.docqa.app.ask.OpenSource;
import io.docqa.app.ask.OpenSource.TextWindow;
import io.docqa.corpus.Document;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Shows a cited passage in its surrounding text, with the cited words highlighted; for a PDF also the rendered
 * page(s) of the span with boxes over the cited words, above the text.
 */
final class SourceDialog extends Dialog {

    /** Characters of context shown on each side of the cited span. */
    static final int CONTEXT_CHARS = 800;

    private boolean scrolledToPage;

    SourceDialog(Citation citation, OpenSource source) {
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
        if (source.isPdf()) {
            add(pdfPages(citation, source));
        }
        TextWindow window = source.textAround(start, end, CONTEXT_CHARS).orElse(null);
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
                if (e.isOpened() && !scrolledToPage) {
                    mark.executeJs("this.scrollIntoView({block: 'center'})");
                }
            });
        }
        add(body);
        Button close = new Button("Close", e -> close());
        getFooter().add(close);
    }

    /** The pages holding the span, each an image with the highlight boxes laid over it in percent of its size. */
    private Div pdfPages(Citation citation, OpenSource source) {
        Div container = new Div();
        container.addClassName("pdf-pages");
        Document document = source.document();
        List<PageHighlight> highlights = source.highlights(citation.start(), citation.end());
        if (highlights.isEmpty()) {
            Span note = new Span("The cited words could not be located on the page; they are marked in the text below.");
            note.addClassName("pdf-note");
            container.add(note);
            if (citation.page() != null) {
                highlights = List.of(new PageHighlight(citation.page(), List.of()));
            }
        }
        for (PageHighlight h : highlights) {
            Div page = new Div();
            page.addClassName("pdf-page");
            Span label = new Span("Page " + h.page());
            label.addClassName("pdf-page-label");
            int n = h.page();
            Image image = new Image(DownloadHandler.fromInputStream(event -> {
                byte[] png = source.renderPng(n);
                return new DownloadResponse(new ByteArrayInputStream(png), "page-" + n + ".png", "image/png",
                        png.length);
            }), "Page " + n + " of " + document.name());
            image.addClassName("pdf-page-image");
            page.add(image);
            Div first = null;
            for (PageHighlight.Rect r : h.rects()) {
                Div box = new Div();
                box.addClassName("pdf-highlight");
                box.getStyle().set("left", percent(r.x())).set("top", percent(r.y()))
                        .set("width", percent(r.width())).set("height", percent(r.height()));
                page.add(box);
                first = first == null ? box : first;
            }
            container.add(label, page);
            if (first != null && !scrolledToPage) {
                scrolledToPage = true;
                Div target = first;
                // positions are relative to the image: scroll once it has its size
                image.getElement().executeJs("const box = $0; const go = () => box.scrollIntoView({block: 'center'});"
                        + " if (this.complete && this.naturalHeight) { go(); } else { this.addEventListener('load', go, {once: true}); }",
                        target.getElement());
            }
        }
        return container;
    }

    private static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.3f%%", fraction * 100);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
