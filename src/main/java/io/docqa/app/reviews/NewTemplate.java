package io.docqa.app.reviews;

import java.util.List;

/** A template to save: a name, an optional description and its columns (validated like a review's). */
public record NewTemplate(String name, String description, List<ColumnInput> columns) {
}
