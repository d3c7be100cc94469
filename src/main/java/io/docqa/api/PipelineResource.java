package io.docqa.api;

import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The ingestion pipelines a collection can choose ({@code ingest-pipelines/*.yaml}). */
@Path("/pipelines")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PipelineResource {

    private final PipelineRegistry pipelines;

    public PipelineResource(PipelineRegistry pipelines) {
        this.pipelines = pipelines;
    }

    public record PipelineResponse(String name, String description, boolean ocr, List<String> ocrLanguages,
            boolean ocrAvailable, long maxFileBytes, int timeoutSeconds, String chunking, int maxChars,
            int overlapChars, List<String> extractors, String embeddingModel) {
    }

    @GET
    public List<PipelineResponse> list() {
        return pipelines.all().stream().map(this::of).toList();
    }

    private PipelineResponse of(PipelineDefinition p) {
        return new PipelineResponse(p.name(), p.description(), p.parser().ocr(), p.parser().languages(),
                pipelines.ocrAvailable(), p.parser().maxFileBytes(), p.parser().timeoutSeconds(), p.chunking().strategy(),
                p.chunking().maxChars(), p.chunking().overlapChars(), p.extractors(), p.embeddingModel());
    }
}
