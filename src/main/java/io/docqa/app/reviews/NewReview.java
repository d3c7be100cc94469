package io.docqa.app.reviews;

import java.util.List;

/**
 * A review to create: its {@code name}, the collection it belongs to, the documents (explicit {@code documentIds},
 * else those matching {@code filters}, else every ready document of the collection) and either {@code columns} or a
 * {@code templateId} whose columns are copied (columns given with a template are added after the template's).
 */
public record NewReview(String name, Long collectionId, List<Long> documentIds, ReviewFilterInput filters,
        List<ColumnInput> columns, String templateId) {
}
