package io.docqa.app.ask;

import io.docqa.app.UseCaseException;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentFilter;
import io.docqa.corpus.DocumentTags;
import io.docqa.retrieve.core.AccessScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code filters} of a search or question: validated (refused as INVALID with a message on bad values), then
 * resolved in SQL to the matching documents of the caller's scope, which both indexes then search within.
 */
@ApplicationScoped
class QueryFilters {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9]{1,10}");

    private final DocumentAttributes attributes;

    public QueryFilters(DocumentAttributes attributes) {
        this.attributes = attributes;
    }

    /**
     * The documents the filters allow within the scope, or null when there are no filters (every document of the
     * scope). Never contains a document outside the scope.
     */
    List<Long> resolve(QueryFilter filters, AccessScope scope) {
        DocumentFilter filter = parse(filters);
        return filter.isEmpty() ? null : attributes.matching(scope.collectionIds(), filter);
    }

    static DocumentFilter parse(QueryFilter f) {
        if (f == null) {
            return DocumentFilter.NONE;
        }
        List<Long> documentIds = f.documentIds() == null ? List.of() : f.documentIds();
        requireSize(documentIds, "documentIds");
        if (documentIds.stream().anyMatch(id -> id == null || id < 1)) {
            throw UseCaseException.invalid("filters.documentIds must hold positive document ids.");
        }
        List<String> types = new ArrayList<>();
        if (f.types() != null) {
            requireSize(f.types(), "types");
            for (String t : f.types()) {
                String type = t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
                type = type.startsWith(".") ? type.substring(1) : type;
                if (!TYPE.matcher(type).matches()) {
                    throw UseCaseException.invalid("filters.types holds \"" + t + "\": a file type is a short name "
                            + "such as \"pdf\", \"docx\" or \"txt\".");
                }
                types.add(type);
            }
        }
        List<String> tags;
        try {
            if (f.tags() != null) {
                requireSize(f.tags(), "tags");
            }
            tags = f.tags() == null ? List.of() : DocumentTags.normalize(f.tags());
        } catch (IllegalArgumentException e) {
            throw UseCaseException.invalid("filters.tags: " + e.getMessage());
        }
        LocalDate from = date(f.dateFrom(), "dateFrom");
        LocalDate to = date(f.dateTo(), "dateTo");
        if (from != null && to != null && from.isAfter(to)) {
            throw UseCaseException.invalid("filters.dateFrom (" + from + ") is after filters.dateTo (" + to + ").");
        }
        return new DocumentFilter(documentIds, types, from, to, tags);
    }

    private static void requireSize(List<?> values, String field) {
        if (values.size() > DocumentFilter.MAX_VALUES) {
            throw UseCaseException.invalid("filters." + field + " may hold at most " + DocumentFilter.MAX_VALUES
                    + " values.");
        }
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw UseCaseException.invalid("filters." + field + " must be an ISO date such as 2024-03-31, not \""
                    + value + "\".");
        }
    }
}
