package io.docqa.api;

import io.docqa.api.SecurityDtos.MemberRequest;
import io.docqa.api.SecurityDtos.MemberResponse;
import io.docqa.app.users.MembershipService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Who may read (READER) or edit (EDITOR) a collection: administrators only. */
@Path("/collections/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class MemberResource {

    private final MembershipService members;

    public MemberResource(MembershipService members) {
        this.members = members;
    }

    @GET
    public List<MemberResponse> list(@PathParam("id") long collectionId, @Context SecurityContext security) {
        return members.members(Callers.of(security), collectionId).stream().map(MemberResponse::of).toList();
    }

    @PUT
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("id") long collectionId, @PathParam("username") String username,
            MemberRequest request, @Context SecurityContext security) {
        members.grant(Callers.of(security), collectionId, username, request == null ? null : request.role());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{username}")
    public Response revoke(@PathParam("id") long collectionId, @PathParam("username") String username,
            @Context SecurityContext security) {
        members.revoke(Callers.of(security), collectionId, username);
        return Response.noContent().build();
    }
}
