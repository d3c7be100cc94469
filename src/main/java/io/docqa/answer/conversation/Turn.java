package io.docqa.answer.conversation;

import io.docqa.answer.model.Answer;
import java.time.Instant;

/**
 * One question of a conversation, the standalone query it was rewritten into, its verified answer, and the id of
 * the recorded answer ({@code answerId}, what feedback names; null while it is not recorded yet, or once retention
 * removed the record).
 */
public record Turn(long id, long conversationId, String question, String standaloneQuestion, Answer answer,
        Instant createdAt, Long answerId) {

    /** A turn whose answer is not recorded (yet). */
    public Turn(long id, long conversationId, String question, String standaloneQuestion, Answer answer,
            Instant createdAt) {
        this(id, conversationId, question, standaloneQuestion, answer, createdAt, null);
    }
}
