package io.docqa.api;

import io.docqa.app.documents.Glossary;
import io.docqa.app.documents.GlossaryService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** A document's defined terms and cross-references (filled by the contracts pipeline's extractors). */
@Path("/documents/{id}/glossary")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class GlossaryResource {

    private final GlossaryService glossary;

    public GlossaryResource(GlossaryService glossary) {
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
        Glossary g = glossary.of(Callers.of(security), id);
        return new GlossaryResponse(g.documentId(),
                g.terms().stream().map(t -> new TermResponse(t.term(), t.definition(), t.chunkId(), t.start(), t.end()))
                        .toList(),
                g.links().stream().map(l -> new LinkResponse(l.label(), l.sourceChunkId(), l.targetChunkId())).toList());
    }
}
