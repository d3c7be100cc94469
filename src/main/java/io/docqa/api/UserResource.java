package io.docqa.api;

import io.docqa.api.SecurityDtos.CreateUserRequest;
import io.docqa.api.SecurityDtos.CreatedUser;
import io.docqa.api.SecurityDtos.TokenResponse;
import io.docqa.api.SecurityDtos.UpdateUserRequest;
import io.docqa.api.SecurityDtos.UserResponse;
import io.docqa.app.tokens.TokenService;
import io.docqa.app.users.UserService;
import io.docqa.security.ApiTokenRepository.TokenPage;
import io.docqa.security.AppUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** User accounts: administrators only; the rules are {@link UserService}'s. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class UserResource {

    private final UserService users;
    private final TokenService tokens;

    public UserResource(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateUserRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"username\": \"...\", \"password\": \"...\", \"role\": \"ADMIN|EDITOR|READER\"}.");
        }
        AppUser created = users.create(Callers.of(security), request.username(), request.password(), request.role());
        return Response.created(URI.create("/api/users/" + created.username()))
                .entity(new CreatedUser(created.id(), created.username())).build();
    }

    @GET
    public List<UserResponse> list(@Context SecurityContext security) {
        return users.list(Callers.of(security)).stream().map(UserResponse::of).toList();
    }

    @GET
    @Path("/{username}")
    public UserResponse get(@PathParam("username") String username, @Context SecurityContext security) {
        return UserResponse.of(users.get(Callers.of(security), username));
    }

    /** Changes role, enabled flag or password; disabling takes effect on the user's next request. */
    @PATCH
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse update(@PathParam("username") String username, UpdateUserRequest request,
            @Context SecurityContext security) {
        if (request == null) {
            users.get(Callers.of(security), username); // an unknown user is 404 before a missing body is 400
            throw ApiException.badRequest("Send any of {\"role\", \"enabled\", \"password\"}.");
        }
        return UserResponse.of(users.update(Callers.of(security), username, request.password(), request.role(),
                request.enabled()));
    }

    @DELETE
    @Path("/{username}")
    public Response delete(@PathParam("username") String username, @Context SecurityContext security) {
        users.delete(Callers.of(security), username);
        return Response.noContent().build();
    }

    /**
     * One page of the user's API tokens (without secrets), revoked and expired ones included, oldest first
     * ({@code offset} default 0, {@code limit} default 100, at most 1,000); X-Total-Count says how many there are.
     */
    @GET
    @Path("/{username}/tokens")
    public RestResponse<List<TokenResponse>> tokens(@PathParam("username") String username,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        TokenPage page = tokens.pageOf(Callers.of(security), username, offset, limit);
        return RestResponse.ResponseBuilder.ok(page.tokens().stream().map(t -> TokenResponse.of(t, null)).toList())
                .header("X-Total-Count", page.total()).build();
    }

    /** Revokes one of the user's tokens at once. */
    @DELETE
    @Path("/{username}/tokens/{id}")
    public Response revokeToken(@PathParam("username") String username, @PathParam("id") long id,
            @Context SecurityContext security) {
        tokens.revokeOf(Callers.of(security), username, id);
        return Response.noContent().build();
    }
}
