package io.docqa.retrieve.core;

import java.util.List;

/**
 * What one retrieval did: the passages it returned, best first, and where its time went ({@code timings}: null for
 * retrievers that do not report stages). Returned rather than recorded on the side, so that the caller that audits
 * and answers holds everything it needs on whatever thread it runs.
 */
public record Retrieval(List<RetrievedPassage> passages, StageTimings timings) {

    public Retrieval {
        passages = List.copyOf(passages);
    }

    /** Passages of a retriever that does not time its stages. */
    public static Retrieval of(List<RetrievedPassage> passages) {
        return new Retrieval(passages, null);
    }

    /** The ids of the returned chunks, in order, without repeats: what the audit trail lists as retrieved. */
    public List<Long> chunkIds() {
        return passages.stream().map(p -> p.chunk().id()).distinct().toList();
    }

    /** The same retrieval with other passages (e.g. expanded), keeping its timings. */
    public Retrieval withPassages(List<RetrievedPassage> replaced) {
        return new Retrieval(replaced, timings);
    }
}
