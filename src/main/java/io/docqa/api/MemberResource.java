package io.docqa.api;

import io.docqa.api.SecurityDtos.MemberRequest;
import io.docqa.api.SecurityDtos.MemberResponse;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.NotFoundException;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
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
import java.util.Map;

/** Who may read (READER) or edit (EDITOR) a collection: administrators only. */
@Path("/collections/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class MemberResource {

    private final CollectionRepository collections;
    private final MembershipRepository members;
    private final AuditLog audit;

    public MemberResource(CollectionRepository collections, MembershipRepository members, AuditLog audit) {
        this.collections = collections;
        this.members = members;
        this.audit = audit;
    }

    @GET
    public List<MemberResponse> list(@PathParam("id") long collectionId) {
        collections.require(collectionId);
        return members.membersOf(collectionId).stream().map(MemberResponse::of).toList();
    }

    @PUT
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("id") long collectionId, @PathParam("username") String username,
            MemberRequest request, @Context SecurityContext security) {
        collections.require(collectionId);
        Role role = request == null ? null : parse(request.role());
        if (role == null || role == Role.ADMIN) {
            throw ApiException.badRequest("Send {\"role\": \"EDITOR\"} or {\"role\": \"READER\"}.");
        }
        String actor = security.getUserPrincipal().getName();
        if (!members.grant(collectionId, username, role, actor)) {
            throw new NotFoundException("No user named \"" + username + "\".");
        }
        audit.record(actor, AuditAction.MEMBER_GRANTED, List.of(collectionId), username, Map.of("role", role.name()));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{username}")
    public Response revoke(@PathParam("id") long collectionId, @PathParam("username") String username,
            @Context SecurityContext security) {
        collections.require(collectionId);
        if (!members.revoke(collectionId, username)) {
            throw new NotFoundException("\"" + username + "\" is not a member of collection " + collectionId + ".");
        }
        audit.record(security.getUserPrincipal().getName(), AuditAction.MEMBER_REVOKED, List.of(collectionId), username,
                Map.of());
        return Response.noContent().build();
    }

    private static Role parse(String role) {
        try {
            return role == null ? null : Role.valueOf(role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
