package io.docqa.api;

import io.docqa.security.AccessPolicy;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.GlossaryRepository;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A document's defined terms and cross-references (filled by the contracts pipeline's extractors). */
@Path("/documents/{id}/glossary")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class GlossaryResource {

    private final DocumentRepository documents;
    private final GlossaryRepository glossary;

    private final AccessPolicy access;

    public GlossaryResource(DocumentRepository documents, GlossaryRepository glossary, AccessPolicy access) {
        this.access = access;
        this.documents = documents;
        this.glossary = glossary;
    }

    public record TermResponse(String term, String definition, Long chunkId, int start, int end) {
    }

    public record LinkResponse(String label, long sourceChunkId, long targetChunkId) {
    }

    public record GlossaryResponse(long documentId, List<TermResponse> terms, List<LinkResponse> links) {
    }

    @GET
    public GlossaryResponse get(@PathParam("id") long id, @Context SecurityContext security) {
        access.requireReadableDocument(Callers.of(security), id);
        return new GlossaryResponse(id,
                glossary.terms(id).stream().map(t -> new TermResponse(t.term(), t.definition(), t.chunkId(), t.start(), t.end())).toList(),
                glossary.links(id).stream().map(l -> new LinkResponse(l.label(), l.sourceChunkId(), l.targetChunkId())).toList());
    }
}
