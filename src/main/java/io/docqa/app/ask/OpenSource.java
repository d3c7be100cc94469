package io.docqa.app.ask;

import io.docqa.answer.source.PageHighlight;
import io.docqa.answer.source.PdfPages;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import java.util.List;
import java.util.Optional;

/**
 * A source document the caller was allowed to open ({@link SourceService#open}): its text around a span and, for
 * a PDF, the pages with the span's boxes. Holding one is the proof of the check, so the page images a dialog
 * loads later need not repeat it.
 */
public final class OpenSource {

    /** Text of the document from character {@code offset} on. */
    public record TextWindow(String text, int offset) {
    }

    private final Document document;
    private final DocumentRepository documents;
    private final PdfPages pages;

    OpenSource(Document document, DocumentRepository documents, PdfPages pages) {
        this.document = document;
        this.documents = documents;
        this.pages = pages;
    }

    public Document document() {
        return document;
    }

    public boolean isPdf() {
        return PdfPages.isPdf(document);
    }

    /** The text of characters [start, end) with {@code radius} characters of context on each side, when stored. */
    public Optional<TextWindow> textAround(int start, int end, int radius) {
        return documents.textAround(document.id(), start, end, radius).map(w -> new TextWindow(w.text(), w.offset()));
    }

    /** The pages holding characters [start, end), each with boxes over the words; empty when they cannot be found. */
    public List<PageHighlight> highlights(int start, int end) {
        try {
            return pages.highlights(document, start, end);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public byte[] renderPng(int page) {
        return pages.renderPng(document, page);
    }
}
