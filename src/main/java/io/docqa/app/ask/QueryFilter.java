package io.docqa.app.ask;

import java.util.List;

/**
 * Metadata filters of a search or question as an adapter received them, unchecked (all optional, combined with
 * AND): {@code documentIds} (any of), {@code types} (file types such as "pdf", any of), {@code dateFrom}/{@code dateTo}
 * (ISO dates, inclusive) and {@code tags} (any of). {@link QueryFilters} validates them the same for every adapter.
 */
public record QueryFilter(List<Long> documentIds, List<String> types, String dateFrom, String dateTo,
        List<String> tags) {
}
