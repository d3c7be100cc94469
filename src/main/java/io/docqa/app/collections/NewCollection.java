package io.docqa.app.collections;

/**
 * What a caller asks for when creating a collection. Only {@code name} is required; a null or blank
 * {@code pipeline} is the default pipeline, null weights are the server's, a null or blank {@code language} is the
 * default language (a code such as "en", "de" or "none").
 */
public record NewCollection(String name, String pipeline, Double bm25Weight, Double vectorWeight, String language) {

    public NewCollection(String name) {
        this(name, null, null, null, null);
    }
}
