package io.docqa.api;

import io.docqa.answer.conversation.Conversation;
import io.docqa.api.ConversationDtos.ConversationDetail;
import io.docqa.api.ConversationDtos.ConversationResponse;
import io.docqa.api.ConversationDtos.CreateConversationRequest;
import io.docqa.app.conversations.ConversationsService;
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

    private final ConversationsService conversations;

    public ConversationResource(ConversationsService conversations) {
        this.conversations = conversations;
    }

    @GET
    public List<ConversationResponse> list(@Context SecurityContext security) {
        return conversations.list(Callers.of(security)).stream()
                .map(l -> ConversationResponse.of(l.conversation(), l.collectionIds())).toList();
    }

    @POST
    public Response create(CreateConversationRequest request, @Context SecurityContext security) {
        Conversation c = conversations.create(Callers.of(security), request == null ? null : request.title());
        return Response.status(Response.Status.CREATED).entity(ConversationResponse.of(c, List.of())).build();
    }

    @GET
    @Path("{id}")
    public ConversationDetail get(@PathParam("id") long id, @Context SecurityContext security) {
        return ConversationDetail.of(conversations.get(Callers.of(security), id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        conversations.delete(Callers.of(security), id);
        return Response.noContent().build();
    }
}
