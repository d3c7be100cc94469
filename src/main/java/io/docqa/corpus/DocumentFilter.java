package io.docqa.corpus;

import java.time.LocalDate;
import java.util.List;

/**
 * Metadata criteria that restrict a search to some documents. Each present criterion must hold (AND); within
 * {@code documentIds}, {@code types} and {@code tags} any value may match (OR). Empty lists and null dates mean
 * "no restriction". Dates are whole UTC days, both ends inclusive. A filter never widens access: it is applied
 * inside the collections the caller may read.
 */
public record DocumentFilter(List<Long> documentIds, List<String> types, LocalDate dateFrom, LocalDate dateTo,
        List<String> tags) {

    /** Most values accepted in one list of a filter, shared by request validation and SQL. */
    public static final int MAX_VALUES = 1000;

    public static final DocumentFilter NONE = new DocumentFilter(List.of(), List.of(), null, null, List.of());

    public DocumentFilter {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        types = types == null ? List.of() : List.copyOf(types);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** True when no criterion is set, so every readable document matches. */
    public boolean isEmpty() {
        return documentIds.isEmpty() && types.isEmpty() && tags.isEmpty() && dateFrom == null && dateTo == null;
    }
}
