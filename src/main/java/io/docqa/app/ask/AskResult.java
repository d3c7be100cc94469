package io.docqa.app.ask;

import io.docqa.answer.model.Answer;

/**
 * A verified answer and, when asked within a conversation, its id and the standalone question it was asked as.
 * {@code answerId} names the recorded answer, for feedback ({@code POST /api/answers/{answerId}/feedback}).
 */
public record AskResult(Answer answer, Long conversationId, String standaloneQuestion, Long answerId) {

    public AskResult(Answer answer, Long conversationId, String standaloneQuestion) {
        this(answer, conversationId, standaloneQuestion, null);
    }
}
