package io.docqa.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A stored evaluation run. {@code config} holds the retrieval settings in force; {@code results} the ingestion
 * summary and one metrics row per retriever (see {@link RetrieverResult}), null while running.
 */
public record EvalRun(long id, String dataset, String datasetName, String format, Long collectionId,
        List<String> retrievers, JsonNode config, Status status, String progress, String error, JsonNode results,
        String createdBy, Instant startedAt, Instant finishedAt) {

    public enum Status { RUNNING, DONE, FAILED }
}
