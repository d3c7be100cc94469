package io.docqa.retrieve;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The retriever configurations a caller can choose per query (search API, evaluation harness). */
public enum RetrieverKind {
    BM25("bm25"), VECTOR("vector"), HYBRID("hybrid");

    private final String id;

    RetrieverKind(String id) {
        this.id = id;
    }

    /** The name used in the API, the CLI and stored evaluation runs. */
    public String id() {
        return id;
    }

    /** The ids of all configurations, for messages that list the choices. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(RetrieverKind::id).toList();
    }

    public static Optional<RetrieverKind> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }
}
