package io.docqa.ui.source;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.docqa.answer.source.PageHighlight;
import io.docqa.app.ask.OpenSource;
import io.docqa.app.ask.OpenSource.TextWindow;
import io.docqa.corpus.Document;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;

/**
 * A passage of a document shown in context: for a PDF the rendered page(s) of the span with boxes over its words,
 * then the surrounding text with the span highlighted. Used wherever a citation is opened (answers, review cells).
 * Call {@link #scrollToPassage()} once it is visible: inside an ancestor with the class {@value #SCROLLER} only that
 * box scrolls (a side panel), else the page or dialog does.
 */
public final class SourcePassage extends Div {

    /** Characters of context shown on each side of the span. */
    public static final int CONTEXT_CHARS = 800;

    /** The class of an ancestor that scrolls to the highlight instead of the page. */
    public static final String SCROLLER = "passage-scroller";
    /** Brings {@code this} element into view (inside the nearest {@value #SCROLLER} when there is one). */
    private static final String SCROLL_JS = "const scroller = this.closest('." + SCROLLER + "');"
            + " if (scroller) { scroller.scrollTop += this.getBoundingClientRect().top"
            + " - scroller.getBoundingClientRect().top - scroller.clientHeight / 3; }"
            + " else { this.scrollIntoView({block: 'center'}); }";

    private Element mark;
    private boolean onPage;

    /**
     * Characters [start, end) of the document {@code source} opened; {@code page} the page the span starts on (null:
     * none known), {@code fallback} the text shown when the document's text is not stored.
     */
    public SourcePassage(OpenSource source, int start, int end, Integer page, String fallback) {
        addClassName("source-passage");
        if (source.isPdf()) {
            add(pdfPages(source, start, end, page));
        }
        Div body = new Div();
        body.addClassName("context-text");
        TextWindow window = source.textAround(start, end, CONTEXT_CHARS).orElse(null);
        if (window == null) {
            body.setText(fallback == null ? "" : fallback);
        } else {
            String t = window.text();
            int from = clamp(start - window.offset(), t.length());
            int to = clamp(end - window.offset(), t.length());
            Element el = body.getElement();
            el.appendChild(Element.createText((window.offset() > 0 ? "…" : "") + t.substring(0, from)));
            mark = new Element("mark");
            mark.setText(t.substring(from, to));
            el.appendChild(mark);
            el.appendChild(Element.createText(t.substring(to) + "…"));
        }
        add(body);
    }

    /** Brings the highlighted words into view (the box on the page when there is one, else the marked text). */
    public void scrollToPassage() {
        if (mark != null && !onPage) {
            mark.executeJs(SCROLL_JS);
        }
    }

    /** The pages holding the span, each an image with the highlight boxes laid over it in percent of its size. */
    private Div pdfPages(OpenSource source, int start, int end, Integer page) {
        Div container = new Div();
        container.addClassName("pdf-pages");
        Document document = source.document();
        List<PageHighlight> highlights = source.highlights(start, end);
        if (highlights.isEmpty()) {
            Span note = new Span("The cited words could not be located on the page; they are marked in the text below.");
            note.addClassName("pdf-note");
            container.add(note);
            if (page != null) {
                highlights = List.of(new PageHighlight(page, List.of()));
            }
        }
        for (PageHighlight h : highlights) {
            Div pageBox = new Div();
            pageBox.addClassName("pdf-page");
            Span label = new Span("Page " + h.page());
            label.addClassName("pdf-page-label");
            int n = h.page();
            Image image = new Image(DownloadHandler.fromInputStream(event -> {
                byte[] png = source.renderPng(n);
                return new DownloadResponse(new ByteArrayInputStream(png), "page-" + n + ".png", "image/png",
                        png.length);
            }), "Page " + n + " of " + document.name());
            image.addClassName("pdf-page-image");
            pageBox.add(image);
            Div first = null;
            for (PageHighlight.Rect r : h.rects()) {
                Div box = new Div();
                box.addClassName("pdf-highlight");
                box.getStyle().set("left", percent(r.x())).set("top", percent(r.y()))
                        .set("width", percent(r.width())).set("height", percent(r.height()));
                pageBox.add(box);
                first = first == null ? box : first;
            }
            container.add(label, pageBox);
            if (first != null && !onPage) {
                onPage = true;
                Div target = first;
                // positions are relative to the image: scroll once it has its size
                image.getElement().executeJs("const box = $0; const go = () => (function() { " + SCROLL_JS + " }).call(box);"
                        + " if (this.complete && this.naturalHeight) { go(); } else { this.addEventListener('load', go, {once: true}); }",
                        target.getElement());
            }
        }
        return container;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.3f%%", fraction * 100);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
