package io.docqa.api;

import io.docqa.api.SecurityDtos.CreateTokenRequest;
import io.docqa.api.SecurityDtos.TokenResponse;
import io.docqa.app.tokens.TokenService;
import io.docqa.security.ApiTokenRepository.CreatedToken;
import io.docqa.security.ApiTokenRepository.TokenPage;
import io.docqa.security.SignedInWith;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's own personal API tokens (sent as {@code Authorization: Bearer <token>}). */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TokenResource {

    private final TokenService tokens;
    private final SecurityIdentity identity;

    public TokenResource(TokenService tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    /**
     * Creates a token; the answer is the only time the token itself is shown. A request signed in with a token may
     * do so only when that token was created with {@code "canCreateTokens": true}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateTokenRequest request, @Context SecurityContext security) {
        CreateTokenRequest r = request == null ? new CreateTokenRequest(null, null, null) : request;
        CreatedToken created = tokens.create(Callers.of(security), SignedInWith.of(identity), r.name(),
                r.expiresInDays(), Boolean.TRUE.equals(r.canCreateTokens()));
        return Response.created(URI.create("/api/tokens/" + created.info().id()))
                .entity(TokenResponse.of(created.info(), created.token())).build();
    }

    /**
     * One page of the caller's tokens, revoked and expired ones included, oldest first ({@code offset} default 0,
     * {@code limit} default 100, at most 1,000); X-Total-Count says how many there are.
     */
    @GET
    public RestResponse<List<TokenResponse>> list(@QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        TokenPage page = tokens.page(Callers.of(security), offset, limit);
        return RestResponse.ResponseBuilder.ok(page.tokens().stream().map(t -> TokenResponse.of(t, null)).toList())
                .header("X-Total-Count", page.total()).build();
    }

    /** Revokes at once: the next request with the token is refused. */
    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") long id, @Context SecurityContext security) {
        tokens.revoke(Callers.of(security), id);
        return Response.noContent().build();
    }
}
