package io.docqa.app.documents;

import io.docqa.app.collections.CollectionAccess;
import io.docqa.corpus.GlossaryRepository;
import io.docqa.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** A document's glossary, for callers who may read the document. */
@ApplicationScoped
public class GlossaryService {

    private final GlossaryRepository glossary;
    private final CollectionAccess access;

    public GlossaryService(GlossaryRepository glossary, CollectionAccess access) {
        this.glossary = glossary;
        this.access = access;
    }

    public Glossary of(Caller caller, long documentId) {
        access.readableDocument(access.current(caller), documentId);
        return new Glossary(documentId,
                glossary.terms(documentId).stream()
                        .map(t -> new Glossary.Term(t.term(), t.definition(), t.chunkId(), t.start(), t.end())).toList(),
                glossary.links(documentId).stream()
                        .map(l -> new Glossary.Link(l.label(), l.sourceChunkId(), l.targetChunkId())).toList());
    }
}
