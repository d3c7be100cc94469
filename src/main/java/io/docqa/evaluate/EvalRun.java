package io.docqa.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A stored evaluation run. {@code config} holds the request and the retrieval settings in force; {@code results} the
 * ingestion summary and one metrics row per retriever (see {@link RetrieverResult}), null until it is DONE.
 * {@code attempts} counts the instances that started it: more than one when an instance stopped while running it and
 * another ran it again from the start.
 */
public record EvalRun(long id, String dataset, String datasetName, String format, Long collectionId,
        List<String> retrievers, JsonNode config, Status status, String progress, String error, JsonNode results,
        String createdBy, Instant startedAt, Instant finishedAt, int attempts) {

    /**
     * QUEUED until an instance that runs workers takes it (and again when its instance stopped before it finished),
     * RUNNING while one does, then DONE or FAILED.
     */
    public enum Status {
        QUEUED, RUNNING, DONE, FAILED;

        /** Whether the run has not ended yet. */
        public boolean pending() {
            return this == QUEUED || this == RUNNING;
        }
    }
}
