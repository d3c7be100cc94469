package io.docqa.api;

import io.docqa.app.jobs.ReembedService;
import io.docqa.embedding.Generation;
import io.docqa.embedding.Reembedding;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/**
 * The re-embedding (ADMIN): GET /api/admin/reembed shows the model of the searched vectors and the progress of a
 * re-embedding; POST /api/admin/reembed starts re-embedding every chunk with the configured model (202).
 */
@Path("/admin/reembed")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class ReembedResource {

    /** One embedding generation: the model, its dimensions and storage, and where it is in its life. */
    public record GenerationDto(int id, String provider, String model, int dimensions, String storage, String state,
            long embedded, String error, String requestedBy, Instant createdAt, Instant activatedAt) {
        static GenerationDto of(Generation g) {
            return new GenerationDto(g.id(), g.identity().provider().id(), g.identity().model(), g.identity().dimensions(),
                    g.identity().storage().id(), g.state().name(), g.embedded(), g.error(), g.requestedBy(), g.createdAt(),
                    g.activatedAt());
        }
    }

    /** {@code building} is null when no re-embedding runs; {@code progress} is embedded / chunks, 0 to 1. */
    public record ReembedStatus(GenerationDto active, GenerationDto building, long chunks, long embedded, double progress) {
        static ReembedStatus of(Reembedding.Status s) {
            return new ReembedStatus(GenerationDto.of(s.active()), s.building().map(GenerationDto::of).orElse(null),
                    s.chunks(), s.building().isPresent() ? s.embedded() : 0,
                    s.building().isPresent() ? Math.round(s.fraction() * 1000) / 1000.0 : 1.0);
        }
    }

    private final ReembedService reembed;

    public ReembedResource(ReembedService reembed) {
        this.reembed = reembed;
    }

    @GET
    public ReembedStatus status(@Context SecurityContext security) {
        return ReembedStatus.of(reembed.status(Callers.of(security)));
    }

    @POST
    public Response start(@Context SecurityContext security) {
        return Response.accepted(ReembedStatus.of(reembed.start(Callers.of(security)))).build();
    }
}
