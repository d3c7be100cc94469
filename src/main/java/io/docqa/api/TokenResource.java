package io.docqa.api;

import io.docqa.api.SecurityDtos.CreateTokenRequest;
import io.docqa.api.SecurityDtos.TokenResponse;
import io.docqa.corpus.NotFoundException;
import io.docqa.security.ApiTokenRepository;
import io.docqa.security.ApiTokenRepository.CreatedToken;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The caller's own personal API tokens (sent as {@code Authorization: Bearer <token>}). */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TokenResource {

    private final ApiTokenRepository tokens;
    private final AuditLog audit;

    public TokenResource(ApiTokenRepository tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Creates a token; the answer is the only time the token itself is shown. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateTokenRequest request, @Context SecurityContext security) {
        String name = request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > ApiTokenRepository.NAME_MAX_LENGTH) {
            throw ApiException.badRequest("A token needs a name of 1–" + ApiTokenRepository.NAME_MAX_LENGTH
                    + " characters: send {\"name\": \"...\"}.");
        }
        String user = security.getUserPrincipal().getName();
        CreatedToken created = tokens.create(user, name);
        audit.record(user, AuditAction.TOKEN_CREATED, null, Long.toString(created.info().id()), Map.of("name", name));
        return Response.created(URI.create("/api/tokens/" + created.info().id()))
                .entity(TokenResponse.of(created.info(), created.token())).build();
    }

    @GET
    public List<TokenResponse> list(@Context SecurityContext security) {
        return tokens.findByUser(security.getUserPrincipal().getName()).stream().map(t -> TokenResponse.of(t, null)).toList();
    }

    /** Revokes at once: the next request with the token is refused. */
    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") long id, @Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        if (!tokens.revoke(user, id)) {
            throw new NotFoundException("No active token with id " + id + ".");
        }
        audit.record(user, AuditAction.TOKEN_REVOKED, null, Long.toString(id), Map.of());
        return Response.noContent().build();
    }
}
