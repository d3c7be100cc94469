package io.docqa.app.reviews;

import java.util.List;

/** A saved set of columns: built-in ones have a word id ({@code commercial-contract}), saved ones a number. */
public record ReviewTemplateView(String id, String name, String description, boolean builtIn, String createdBy,
        List<ColumnInput> columns) {
}
