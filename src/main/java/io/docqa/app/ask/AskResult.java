package io.docqa.app.ask;

import io.docqa.answer.model.Answer;

/** A verified answer and, when asked within a conversation, its id and the standalone question it was asked as. */
public record AskResult(Answer answer, Long conversationId, String standaloneQuestion) {
}
