package io.docqa.app.documents;

import java.util.List;

/** A document's defined terms and cross-references, as the contracts pipeline's extractors found them. */
public record Glossary(long documentId, List<Term> terms, List<Link> links) {

    /** A defined term, where it is defined ({@code chunkId}, offsets) and its definition. */
    public record Term(String term, String definition, Long chunkId, int start, int end) {
    }

    /** A reference from one passage to another, e.g. "see clause 4.2". */
    public record Link(String label, long sourceChunkId, long targetChunkId) {
    }
}
