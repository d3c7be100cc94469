package io.docqa.evaluate;

import java.util.List;

/**
 * What to evaluate: a dataset directory on the server, retriever ids, optional collection name and query cap,
 * optionally one split of a golden-QA set ({@code dev} or {@code test}), whether to evaluate answers too, and the
 * ingestion pipeline of the collection when the run creates it (e.g. {@code contracts}, {@code knowledge-base}).
 */
public record EvalRequest(String dataset, List<String> retrievers, String collection, Integer limitQueries,
        String split, Boolean answers, String pipeline) {

    public EvalRequest(String dataset, List<String> retrievers, String collection, Integer limitQueries) {
        this(dataset, retrievers, collection, limitQueries, null, null, null);
    }

    public boolean withAnswers() {
        return Boolean.TRUE.equals(answers);
    }
}
