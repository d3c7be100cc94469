package io.docqa.answer.conversation;

import io.docqa.answer.model.Answer;
import java.time.Instant;

/** One question of a conversation, the standalone query it was rewritten into, and its verified answer. */
public record Turn(long id, long conversationId, String question, String standaloneQuestion, Answer answer,
        Instant createdAt) {
}
