package io.docqa.app.documents;

import io.docqa.answer.source.PageHighlight;
import io.docqa.answer.source.PdfPages;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.app.collections.CollectionAccess;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentMetadata;
import io.docqa.corpus.DocumentRepository;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.ingest.jobs.JobState;
import io.docqa.ingest.IngestService;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Reading and changing the documents of collections: listings a page at a time, one document with its progress,
 * tags, cancelling and deleting, and the rendering of PDF pages for citations. Reading needs read access to the
 * document's collection, changing needs write access.
 */
@ApplicationScoped
public class DocumentService {

    /** Largest page of a listing. */
    public static final int MAX_PAGE = 1000;
    /** Page of a listing that names neither offset nor limit. */
    public static final int DEFAULT_PAGE = 100;
    /** Longest span of text whose boxes are looked for on the pages (a citation is a few hundred characters). */
    public static final int MAX_HIGHLIGHT_CHARS = 20_000;

    private final DocumentRepository documents;
    private final JobRepository jobs;
    private final DocumentAttributes attributes;
    private final IngestService ingest;
    private final PdfPages pages;
    private final CollectionAccess access;
    private final Throttle throttle;
    private final AuditLog audit;

    public DocumentService(DocumentRepository documents, JobRepository jobs, DocumentAttributes attributes,
            IngestService ingest, PdfPages pages, CollectionAccess access, Throttle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.documents = documents;
        this.jobs = jobs;
        this.attributes = attributes;
        this.ingest = ingest;
        this.pages = pages;
        this.access = access;
        this.audit = audit;
    }

    /**
     * One page of the collection's documents in upload order: offset 0 or more (default 0), limit 1 to
     * {@link #MAX_PAGE} (default {@link #DEFAULT_PAGE}); the page says how many there are in all.
     */
    public DocumentPage list(Caller caller, long collectionId, Integer offset, Integer limit) {
        access.readable(access.current(caller), collectionId);
        int from = offset == null ? 0 : offset;
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (from < 0 || size < 1 || size > MAX_PAGE) {
            throw UseCaseException.invalid("offset must be 0 or more and limit between 1 and " + MAX_PAGE + ".");
        }
        List<Document> docs = documents.pageOfCollection(collectionId, DocumentRepository.Order.UPLOADED, from, size);
        List<Long> ids = docs.stream().map(Document::id).toList();
        Map<Long, DocumentMetadata> metadata = attributes.of(ids);
        Map<Long, List<String>> warnings = documents.warningsOf(ids);
        List<ListedDocument> listed = docs.stream().map(d -> new ListedDocument(d,
                metadata.getOrDefault(d.id(), DocumentMetadata.NONE), warnings.getOrDefault(d.id(), List.of()))).toList();
        return new DocumentPage(listed, documents.countInCollection(collectionId));
    }

    /** How many documents the collection has; 0 when the caller may not read it (any more). */
    public int count(Caller caller, long collectionId) {
        Caller current = access.current(caller);
        return access.mayRead(current, collectionId) ? documents.countInCollection(collectionId) : 0;
    }

    /**
     * A page of the collection's documents with their jobs and warnings, for a live list of any size; a page is at
     * most {@link #MAX_PAGE} long.
     */
    public List<DocumentRow> rows(Caller caller, long collectionId, DocumentOrder order, int offset, int limit) {
        Caller current = access.current(caller);
        if (!access.mayRead(current, collectionId) || offset < 0 || limit < 1) {
            return List.of();
        }
        List<Document> page = documents.pageOfCollection(collectionId, DocumentRepository.Order.valueOf(order.name()),
                offset, Math.min(limit, MAX_PAGE));
        List<Long> ids = page.stream().map(Document::id).toList();
        Map<Long, JobState> states = ids.isEmpty() ? Map.of() : jobs.findByIds(ids);
        Map<Long, List<String>> warnings = ids.isEmpty() ? Map.of() : documents.warningsOf(ids);
        return page.stream().map(d -> new DocumentRow(d, states.get(d.id()), warnings.getOrDefault(d.id(), List.of())))
                .toList();
    }

    public DocumentDetails get(Caller caller, long id) {
        return details(access.readableDocument(access.current(caller), id));
    }

    /** Replaces the document's tags (an empty list removes them). */
    public DocumentDetails setTags(Caller caller, long id, List<String> tags) {
        Caller current = access.editor(caller);
        Document doc = access.writableDocument(current, id);
        if (tags == null) {
            throw UseCaseException.invalid("Send the tags as a JSON list, e.g. [\"contract\", \"2024\"].");
        }
        List<String> normalized = TagRules.normalize(tags);
        if (!attributes.setTags(id, normalized)) {
            throw CollectionAccess.documentNotFound(id);
        }
        audit.record(current.username(), AuditAction.TAG_DOCUMENT, List.of(doc.collectionId()), Long.toString(id),
                Map.of("tags", normalized));
        return details(doc);
    }

    /** Cancels the document's ingestion: it ends FAILED with error code CANCELLED; refused when already final. */
    public void cancel(Caller caller, long id) {
        Caller current = access.editor(caller);
        access.writableDocument(current, id);
        if (!ingest.cancel(id, current.username())) {
            throw UseCaseException.conflict("Document " + id + " has already finished; nothing to cancel.");
        }
    }

    /** Deletes the document: it disappears from search and answers at once. */
    public void delete(Caller caller, long id) {
        Caller current = access.editor(caller);
        Document doc = access.writableDocument(current, id);
        ingest.delete(id);
        audit.record(current.username(), AuditAction.DELETE_DOCUMENT, List.of(doc.collectionId()), Long.toString(id),
                Map.of("name", doc.name()));
    }

    /** Page {@code n} (1-based) of a PDF document as a PNG image; rate-limited as an expensive request. */
    public byte[] pagePng(Caller caller, long id, int n) {
        Caller current = access.current(caller);
        throttle.count(current, RateLimiter.Kind.EXPENSIVE, "page images");
        return pages.renderPng(access.readableDocument(current, id), n);
    }

    /**
     * Where the characters [start, end) of the document's text are on its PDF pages: a span of at most
     * {@link #MAX_HIGHLIGHT_CHARS} characters, looked for on at most {@link PdfPages#MAX_HIGHLIGHT_PAGES} pages;
     * rate-limited as an expensive request.
     */
    public List<PageHighlight> highlights(Caller caller, long id, Integer start, Integer end) {
        Caller current = access.current(caller);
        if (start == null || end == null || start < 0 || end <= start) {
            throw UseCaseException.invalid("Give the span as ?start=&end= with 0 <= start < end.");
        }
        if ((long) end - start > MAX_HIGHLIGHT_CHARS) {
            throw UseCaseException.invalid("A highlighted span may be at most " + MAX_HIGHLIGHT_CHARS
                    + " characters long (end - start).");
        }
        throttle.count(current, RateLimiter.Kind.EXPENSIVE, "highlight requests");
        return pages.highlights(access.readableDocument(current, id), start, end);
    }

    private DocumentDetails details(Document doc) {
        long id = doc.id();
        JobState job = jobs.find(id).orElseThrow(() -> CollectionAccess.documentNotFound(id));
        return new DocumentDetails(doc, job, attributes.of(id), documents.warnings(id));
    }
}
