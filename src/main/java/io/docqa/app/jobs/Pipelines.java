package io.docqa.app.jobs;

import io.docqa.ingest.pipeline.PipelineDefinition;
import java.util.List;

/** The ingestion pipelines a collection can choose, and whether OCR is installed for those that ask for it. */
public record Pipelines(List<PipelineDefinition> all, boolean ocrAvailable) {
}
