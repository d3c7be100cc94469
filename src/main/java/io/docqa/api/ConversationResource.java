package io.docqa.api;

import io.docqa.answer.conversation.Conversation;
import io.docqa.answer.conversation.ConversationService;
import io.docqa.api.ConversationDtos.ConversationDetail;
import io.docqa.api.ConversationDtos.ConversationResponse;
import io.docqa.api.ConversationDtos.CreateConversationRequest;
import io.docqa.api.ConversationDtos.TurnResponse;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
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
import java.util.List;

/** The signed-in user's conversations; other users' conversations do not exist for them (404). */
@Path("/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ConversationResource {

    private final ConversationService conversations;
    private final AccessPolicy access;

    public ConversationResource(ConversationService conversations, AccessPolicy access) {
        this.conversations = conversations;
        this.access = access;
    }

    @GET
    public List<ConversationResponse> list(@Context SecurityContext security) {
        Caller caller = Callers.of(security);
        return conversations.list(user(security)).stream()
                .map(c -> ConversationResponse.of(c, access.stillReadable(caller, c.collectionIds()))).toList();
    }

    @POST
    public Response create(CreateConversationRequest request, @Context SecurityContext security) {
        Conversation c = conversations.create(user(security), request == null ? null : request.title());
        return Response.status(Response.Status.CREATED).entity(ConversationResponse.of(c, List.of())).build();
    }

    @GET
    @Path("{id}")
    public ConversationDetail get(@PathParam("id") long id, @Context SecurityContext security) {
        Conversation c = conversations.require(user(security), id);
        List<TurnResponse> turns = conversations.turns(user(security), id).stream().map(TurnResponse::of).toList();
        return new ConversationDetail(c.id(), c.title(), c.createdAt(), c.updatedAt(), turns,
                access.stillReadable(Callers.of(security), c.collectionIds()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        conversations.delete(user(security), id);
        return Response.noContent().build();
    }

    static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
