package io.docqa.api;

import io.docqa.answer.conversation.Conversation;
import io.docqa.answer.conversation.Turn;
import io.docqa.api.ApiDtos.AskResponse;
import io.docqa.app.conversations.ConversationsService;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of /api/conversations. Field names are part of the public contract. */
public final class ConversationDtos {

    private ConversationDtos() {
    }

    public record CreateConversationRequest(String title) {
    }

    /** {@code collectionIds}: the collections the conversation asks over that the user may still read (empty: all). */
    public record ConversationResponse(long id, String title, Instant createdAt, Instant updatedAt,
            List<Long> collectionIds) {
        static ConversationResponse of(Conversation c, List<Long> readableCollectionIds) {
            return new ConversationResponse(c.id(), c.title(), c.createdAt(), c.updatedAt(), readableCollectionIds);
        }
    }

    /**
     * A stored turn: the question as asked, the standalone query it became, the answer as it was given, and its
     * {@code answerId} (also inside {@code answer}), to rate it with POST /api/answers/{answerId}/feedback.
     */
    public record TurnResponse(long id, String question, String standaloneQuestion, AskResponse answer,
            Instant createdAt, Long answerId) {
        static TurnResponse of(Turn t) {
            return new TurnResponse(t.id(), t.question(), t.standaloneQuestion(),
                    AskResponse.of(t.answer(), t.conversationId(), t.standaloneQuestion(), t.answerId()), t.createdAt(),
                    t.answerId());
        }
    }

    public record ConversationDetail(long id, String title, Instant createdAt, Instant updatedAt,
            List<TurnResponse> turns, List<Long> collectionIds) {
        static ConversationDetail of(ConversationsService.Detail d) {
            Conversation c = d.conversation();
            return new ConversationDetail(c.id(), c.title(), c.createdAt(), c.updatedAt(),
                    d.turns().stream().map(TurnResponse::of).toList(), d.collectionIds());
        }
    }
}
