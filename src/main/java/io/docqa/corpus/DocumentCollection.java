package io.docqa.corpus;

import java.time.Instant;

/**
 * A named set of documents that users search and ask within, with its settings: the ingestion pipeline that reads
 * its documents, the weights fusion gives its two rankings, and the language its text is analyzed in; and the state
 * of its HNSW graph ({@code vectorIndex}: READY, DEFERRED during a bulk load, BUILDING). One record,
 * read and written by {@link CollectionRepository}, so every reader sees the whole collection at once.
 */
public record DocumentCollection(long id, String name, Instant createdAt, String pipeline, Weights weights,
        CollectionLanguage language, String vectorIndex) {

    /** Longest collection name accepted by the database, the REST API and the UI. */
    public static final int NAME_MAX_LENGTH = 200;
    /** Pipeline of a collection created without one. */
    public static final String DEFAULT_PIPELINE = "default";
    /** Longest pipeline name, as in the database column. */
    public static final int PIPELINE_MAX_LENGTH = 100;

    /**
     * The weights of the BM25 and vector rankings in fusion for this collection; a null weight means the server
     * default ({@code docqa.retrieve.*}).
     */
    public record Weights(Double bm25, Double vector) {
        /** Both weights from the server configuration. */
        public static final Weights DEFAULT = new Weights(null, null);
        /** Largest weight accepted; weights are relative, so larger values add nothing. */
        public static final double MAX_WEIGHT = 100.0;

        /** These weights with each non-null argument applied over them. */
        public Weights with(Double newBm25, Double newVector) {
            return new Weights(newBm25 != null ? newBm25 : bm25, newVector != null ? newVector : vector);
        }
    }

    public DocumentCollection {
        pipeline = pipeline == null ? DEFAULT_PIPELINE : pipeline;
        weights = weights == null ? Weights.DEFAULT : weights;
        language = language == null ? CollectionLanguage.DEFAULT : language;
        vectorIndex = vectorIndex == null ? "READY" : vectorIndex;
    }
}
