package io.docqa.retrieve;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The retriever configurations a caller can choose per query (search API, evaluation harness). */
public enum RetrieverKind {
    BM25("bm25"), VECTOR("vector"), HYBRID("hybrid"), HYBRID_RERANK("hybrid-rerank");

    private final String id;

    RetrieverKind(String id) {
        this.id = id;
    }

    /** The name used in the API, the CLI and stored evaluation runs. */
    public String id() {
        return id;
    }

    public static Optional<RetrieverKind> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }
}
