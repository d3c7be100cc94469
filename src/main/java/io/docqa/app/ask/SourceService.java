package io.docqa.app.ask;

import io.docqa.answer.source.PdfPages;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opening a cited source in context: the document is checked against the caller's rights at the moment of
 * opening (a membership may have been revoked since the answer was given), then its text and, for a PDF, its
 * rendered pages can be read through the {@link OpenSource} the check returned.
 */
@ApplicationScoped
public class SourceService {

    private final Throttle throttle;
    private final AccessPolicy access;
    private final DocumentRepository documents;
    private final PdfPages pages;

    public SourceService(Throttle throttle, AccessPolicy access, DocumentRepository documents, PdfPages pages) {
        this.throttle = throttle;
        this.access = access;
        this.documents = documents;
        this.pages = pages;
    }

    /**
     * The document, if the caller may read it now; refused as not found otherwise. Opening (which renders pages
     * and locates the span on them) is rate-limited as an expensive request.
     */
    public OpenSource open(Caller claimed, long documentId) {
        Caller caller = throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "opened sources");
        try {
            return new OpenSource(access.requireReadableDocument(caller, documentId), documents, pages);
        } catch (NotFoundException e) {
            throw UseCaseException.notFound("This document is no longer available to you.");
        }
    }
}
