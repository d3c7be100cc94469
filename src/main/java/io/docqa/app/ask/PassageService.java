package io.docqa.app.ask;

import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reading one passage in its surrounding text, by chunk id (as search and citations name it) or by a character span
 * of a document. The document is checked against the caller's rights now; an unknown chunk or document and one the
 * caller may not read are refused alike, as not found. Counted against the caller's limit of expensive requests,
 * like opening a source.
 */
@ApplicationScoped
public class PassageService {

    /** Most characters of context on each side of a passage. */
    public static final int MAX_CONTEXT_CHARS = 5_000;
    /** Characters of context on each side when the caller names none. */
    public static final int DEFAULT_CONTEXT_CHARS = 600;
    /** Longest span that may be read at once (end - start). */
    public static final int MAX_SPAN_CHARS = 20_000;

    /**
     * The passage at characters [start, end) of its document's text, with {@code before} and {@code after} it;
     * {@code chunk} is null when read by span, {@code page} then null too.
     */
    public record Passage(Document document, Chunk chunk, Integer page, int start, int end, String before, String text,
            String after) {
    }

    private final Throttle throttle;
    private final AccessPolicy access;
    private final ChunkRepository chunks;
    private final DocumentRepository documents;

    public PassageService(Throttle throttle, AccessPolicy access, ChunkRepository chunks, DocumentRepository documents) {
        this.throttle = throttle;
        this.access = access;
        this.chunks = chunks;
        this.documents = documents;
    }

    /** The chunk with {@code context} characters (null: the default) on each side. */
    public Passage byChunk(Caller claimed, long chunkId, Integer context) {
        int radius = radius(context);
        Caller caller = throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "passage requests");
        String gone = "Passage " + chunkId + " does not exist or is not available to you.";
        ChunkWithSource found = chunks.findById(chunkId).orElseThrow(() -> UseCaseException.notFound(gone));
        Chunk chunk = found.chunk();
        Document doc = readable(caller, chunk.documentId(), gone);
        return window(doc, chunk, chunk.page(), chunk.startOffset(), chunk.endOffset(), radius)
                .orElse(new Passage(doc, chunk, chunk.page(), chunk.startOffset(), chunk.endOffset(), "", chunk.text(), ""));
    }

    /** Characters [start, end) of the document's text with {@code context} characters (null: the default) on each side. */
    public Passage bySpan(Caller claimed, long documentId, Integer start, Integer end, Integer context) {
        int radius = radius(context);
        if (start == null || end == null || start < 0 || end <= start) {
            throw UseCaseException.invalid("Give the span as start and end character offsets with 0 <= start < end.");
        }
        if ((long) end - start > MAX_SPAN_CHARS) {
            throw UseCaseException.invalid("A span may be at most " + MAX_SPAN_CHARS + " characters long (end - start).");
        }
        Caller caller = throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "passage requests");
        Document doc = readable(caller, documentId, "Document " + documentId + " does not exist or is not available to you.");
        Integer page = chunks.pagesOverlapping(documentId, start, end).map(p -> p[0]).orElse(null);
        Passage p = window(doc, null, page, start, end, radius).orElseThrow(() -> UseCaseException.notFound(
                "Document " + documentId + " has no extracted text (it may still be processing or have failed)."));
        if (p.text().isEmpty()) {
            throw UseCaseException.invalid("The span starts after the end of the document's text.");
        }
        return p;
    }

    private Document readable(Caller caller, long documentId, String gone) {
        try {
            return access.requireReadableDocument(caller, documentId);
        } catch (NotFoundException e) {
            throw UseCaseException.notFound(gone);
        }
    }

    private java.util.Optional<Passage> window(Document doc, Chunk chunk, Integer page, int start, int end, int radius) {
        return documents.textAround(doc.id(), start, end, radius).map(w -> {
            String text = w.text();
            int from = w.offset();
            int s = clamp(start - from, text.length());
            int e = clamp(end - from, text.length());
            return new Passage(doc, chunk, page, start, Math.min(end, from + text.length()), text.substring(0, s),
                    text.substring(s, e), text.substring(e));
        });
    }

    private static int clamp(int i, int length) {
        return Math.max(0, Math.min(i, length));
    }

    private static int radius(Integer context) {
        if (context == null) {
            return DEFAULT_CONTEXT_CHARS;
        }
        if (context < 0 || context > MAX_CONTEXT_CHARS) {
            throw UseCaseException.invalid("context must be between 0 and " + MAX_CONTEXT_CHARS + " characters.");
        }
        return context;
    }
}
