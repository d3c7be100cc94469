package io.docqa.answer.source;

import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.storage.OriginalsStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Pages of a PDF document rendered from its kept original, and the boxes marking a span of its extracted text.
 * The file is opened per call with a temporary-file stream cache (never read into memory as a whole) and only
 * the pages asked for are rendered or read; a few rendered pages are kept for the dialog's repeated requests.
 * The caller checks that the user may read the document.
 */
@ApplicationScoped
public class PdfPages {

    public static final String PDF = "application/pdf";
    /** Resolution of a rendered page, and the longest side in pixels whatever the page size. */
    static final float DPI = 110;
    static final int MAX_SIDE_PX = 1800;
    private static final int CACHED_PAGES = 24;
    /** Most pages searched for the boxes of one span, however far apart its chunks say it lies. */
    public static final int MAX_HIGHLIGHT_PAGES = 10;

    private final OriginalsStore originals;
    private final ChunkRepository chunks;
    private final DocumentRepository documents;
    private final Map<String, byte[]> rendered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_PAGES;
        }
    };

    public PdfPages(OriginalsStore originals, ChunkRepository chunks, DocumentRepository documents) {
        this.originals = originals;
        this.chunks = chunks;
        this.documents = documents;
    }

    public static boolean isPdf(Document doc) {
        return doc.contentType() != null && doc.contentType().startsWith(PDF);
    }

    /** Page {@code page} (1-based) as PNG; 404 when the document is not a PDF or has no such page. */
    public byte[] renderPng(Document doc, int page) {
        requirePdf(doc);
        String key = doc.id() + ":" + doc.sha256() + ":" + page;
        synchronized (rendered) {
            byte[] cached = rendered.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] png;
        try (OriginalsStore.LocalOriginal original = original(doc); PDDocument pdf = open(original.path())) {
            if (page < 1 || page > pdf.getNumberOfPages()) {
                throw new NotFoundException("Document " + doc.id() + " has no page " + page + ".");
            }
            PDRectangle box = pdf.getPage(page - 1).getCropBox();
            float longest = Math.max(box.getWidth(), box.getHeight());
            float scale = Math.min(DPI / 72f, MAX_SIDE_PX / Math.max(1f, longest));
            BufferedImage image = new PDFRenderer(pdf).renderImage(page - 1, scale, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            png = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render page " + page + " of document " + doc.id(), e);
        }
        synchronized (rendered) {
            rendered.put(key, png);
        }
        return png;
    }

    /**
     * Boxes marking [start, end) of the document's extracted text on its pages; a span crossing a page break has
     * boxes on each page. Empty when the words cannot be found on the pages (e.g. text recognised by OCR). At most
     * {@link #MAX_HIGHLIGHT_PAGES} pages are read, from the first page of the span on.
     */
    public List<PageHighlight> highlights(Document doc, int start, int end) {
        requirePdf(doc);
        String span = documents.textAround(doc.id(), start, end, 0).map(DocumentRepository.TextWindow::text)
                .orElse("");
        if (span.isBlank()) {
            return List.of();
        }
        try (OriginalsStore.LocalOriginal original = original(doc); PDDocument pdf = open(original.path())) {
            int pages = pdf.getNumberOfPages();
            // the chunks say which pages hold the span; a page either side absorbs small differences in page breaks
            int[] range = chunks.pagesOverlapping(doc.id(), start, end).orElse(new int[] {1, pages});
            int first = Math.max(1, range[0]);
            int last = Math.min(Math.min(pages, range[1]), first + MAX_HIGHLIGHT_PAGES - 1);
            List<PageHighlight> found = SpanLocator.locate(pdf, first, last, span);
            if (found.isEmpty() && (first > 1 || last < pages)) {
                found = SpanLocator.locate(pdf, Math.max(1, first - 1), Math.min(pages, last + 1), span);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the pages of document " + doc.id(), e);
        }
    }

    private static void requirePdf(Document doc) {
        if (!isPdf(doc)) {
            throw notAPdf(doc);
        }
    }

    /** The kept original as a local file (fetched from the object store when it is kept there). */
    private OriginalsStore.LocalOriginal original(Document doc) throws IOException {
        OriginalsStore.LocalOriginal original;
        try {
            original = originals.open(doc.id());
        } catch (NoSuchFileException e) {
            throw notAPdf(doc);
        }
        if (!Files.isRegularFile(original.path())) {
            original.close();
            throw notAPdf(doc);
        }
        return original;
    }

    private static NotFoundException notAPdf(Document doc) {
        return new NotFoundException("Document " + doc.id() + " is not a PDF: it has no pages to show.");
    }

    private static PDDocument open(Path file) throws IOException {
        return Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache());
    }
}
