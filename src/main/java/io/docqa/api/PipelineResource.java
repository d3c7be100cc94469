package io.docqa.api;

import io.docqa.app.jobs.PipelineService;
import io.docqa.app.jobs.Pipelines;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The ingestion pipelines a collection can choose ({@code ingest-pipelines/*.yaml}). */
@Path("/pipelines")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PipelineResource {

    private final PipelineService pipelines;

    public PipelineResource(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    public record PipelineResponse(String name, String description, boolean ocr, List<String> ocrLanguages,
            boolean ocrAvailable, long maxFileBytes, int timeoutSeconds, String chunking, int maxChars,
            int overlapChars, List<String> extractors, String embeddingModel) {
        static PipelineResponse of(PipelineDefinition p, boolean ocrAvailable) {
            return new PipelineResponse(p.name(), p.description(), p.parser().ocr(), p.parser().languages(),
                    ocrAvailable, p.parser().maxFileBytes(), p.parser().timeoutSeconds(), p.chunking().strategy(),
                    p.chunking().maxChars(), p.chunking().overlapChars(), p.extractors(), p.embeddingModel());
        }
    }

    @GET
    public List<PipelineResponse> list(@Context SecurityContext security) {
        Pipelines all = pipelines.list(Callers.of(security));
        return all.all().stream().map(p -> PipelineResponse.of(p, all.ocrAvailable())).toList();
    }
}
