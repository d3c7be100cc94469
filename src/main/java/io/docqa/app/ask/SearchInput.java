package io.docqa.app.ask;

import java.util.List;

/**
 * A search as an adapter received it, unchecked: {@code collections} (empty or null: all readable), {@code limit}
 * (default 10), {@code retriever} (bm25, vector or hybrid; default hybrid), {@code filters} and {@code expand}
 * (also return definitions and cited clauses of the results) all optional.
 */
public record SearchInput(String query, List<Long> collections, Integer limit, String retriever, QueryFilter filters,
        Boolean expand) {
}
