package io.docqa.api;

import io.docqa.api.SecurityDtos.CreateUserRequest;
import io.docqa.api.SecurityDtos.CreatedUser;
import io.docqa.api.SecurityDtos.UpdateUserRequest;
import io.docqa.api.SecurityDtos.UserResponse;
import io.docqa.corpus.NotFoundException;
import io.docqa.security.AppUser;
import io.docqa.security.Passwords;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** User accounts: administrators only. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class UserResource {

    private final UserRepository users;
    private final AuditLog audit;

    public UserResource(UserRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateUserRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"username\": \"...\", \"password\": \"...\", \"role\": \"ADMIN|EDITOR|READER\"}.");
        }
        String username = validUsername(request.username());
        String password = validPassword(request.password());
        Role role = validRole(request.role());
        users.create(username, Passwords.hash(password), role);
        AppUser created = users.findByUsername(username).orElseThrow();
        audit.record(actor(security), AuditAction.USER_CREATED, null, username, Map.of("role", role.name()));
        return Response.created(URI.create("/api/users/" + username)).entity(new CreatedUser(created.id(), created.username()))
                .build();
    }

    @GET
    public List<UserResponse> list() {
        return users.findAll().stream().map(UserResponse::of).toList();
    }

    @GET
    @Path("/{username}")
    public UserResponse get(@PathParam("username") String username) {
        return UserResponse.of(require(username));
    }

    /** Changes role, enabled flag or password; disabling takes effect on the user's next request. */
    @PATCH
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse update(@PathParam("username") String username, UpdateUserRequest request,
            @Context SecurityContext security) {
        require(username);
        if (request == null) {
            throw ApiException.badRequest("Send any of {\"role\", \"enabled\", \"password\"}.");
        }
        boolean self = username.equals(actor(security));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (request.role() != null) {
            Role role = validRole(request.role());
            if (self && role != Role.ADMIN) {
                throw new ApiException(409, "You cannot take the ADMIN role from yourself.");
            }
            users.setRole(username, role);
            changes.put("role", role.name());
        }
        if (request.enabled() != null) {
            if (self && !request.enabled()) {
                throw new ApiException(409, "You cannot disable yourself.");
            }
            users.setEnabled(username, request.enabled());
            changes.put("enabled", request.enabled());
        }
        if (request.password() != null) {
            users.setPasswordHash(username, Passwords.hash(validPassword(request.password())));
            changes.put("password", "changed");
        }
        audit.record(actor(security), AuditAction.USER_UPDATED, null, username, changes);
        return UserResponse.of(require(username));
    }

    @DELETE
    @Path("/{username}")
    public Response delete(@PathParam("username") String username, @Context SecurityContext security) {
        require(username);
        if (username.equals(actor(security))) {
            throw new ApiException(409, "You cannot delete yourself.");
        }
        users.delete(username);
        audit.record(actor(security), AuditAction.USER_DELETED, null, username, Map.of());
        return Response.noContent().build();
    }

    private AppUser require(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named \"" + username + "\"."));
    }

    static String validUsername(String username) {
        String u = username == null ? "" : username.strip();
        if (u.isEmpty() || u.length() > AppUser.USERNAME_MAX_LENGTH || !u.matches(AppUser.USERNAME_PATTERN)) {
            throw ApiException.badRequest("\"username\" must be 1–" + AppUser.USERNAME_MAX_LENGTH
                    + " letters, digits or . _ @ -");
        }
        return u;
    }

    static String validPassword(String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_LENGTH) {
            throw ApiException.badRequest("\"password\" must have at least " + Passwords.MIN_LENGTH + " characters and at most "
                    + Passwords.MAX_LENGTH + " bytes.");
        }
        return password;
    }

    static Role validRole(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("\"role\" must be ADMIN, EDITOR or READER.");
        }
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
