package io.docqa.app.jobs;

import io.docqa.app.collections.CollectionAccess;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.docqa.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** The ingestion pipelines ({@code ingest-pipelines/*.yaml}), for any signed-in user. */
@ApplicationScoped
public class PipelineService {

    private final PipelineRegistry pipelines;
    private final CollectionAccess access;

    public PipelineService(PipelineRegistry pipelines, CollectionAccess access) {
        this.pipelines = pipelines;
        this.access = access;
    }

    public Pipelines list(Caller caller) {
        access.current(caller);
        return new Pipelines(pipelines.all(), pipelines.ocrAvailable());
    }
}
