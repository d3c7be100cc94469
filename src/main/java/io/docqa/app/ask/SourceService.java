package io.docqa.app.ask;

import io.docqa.answer.source.PdfPages;
import io.docqa.app.Callers;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opening a cited source in context: the document is checked against the caller's rights at the moment of
 * opening (a membership may have been revoked since the answer was given), then its text and, for a PDF, its
 * rendered pages can be read through the {@link OpenSource} the check returned.
 */
@ApplicationScoped
public class SourceService {

    private final Callers callers;
    private final AccessPolicy access;
    private final DocumentRepository documents;
    private final PdfPages pages;

    public SourceService(Callers callers, AccessPolicy access, DocumentRepository documents, PdfPages pages) {
        this.callers = callers;
        this.access = access;
        this.documents = documents;
        this.pages = pages;
    }

    /** The document, if the caller may read it now; refused as not found otherwise. */
    public OpenSource open(Caller claimed, long documentId) {
        Caller caller = callers.current(claimed);
        try {
            return new OpenSource(access.requireReadableDocument(caller, documentId), documents, pages);
        } catch (NotFoundException e) {
            throw UseCaseException.notFound("This document is no longer available to you.");
        }
    }
}
