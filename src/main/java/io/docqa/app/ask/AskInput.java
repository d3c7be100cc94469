package io.docqa.app.ask;

import java.util.List;

/**
 * A question as an adapter received it, unchecked. {@code collections}: empty or null for all readable ones (or,
 * in a conversation, the ones it remembers); {@code conversationId}: ask as the next turn of that conversation;
 * {@code newConversation}: without a conversation, start one titled by the question (the UI keeps every question
 * in a conversation; the REST API only when asked to).
 */
public record AskInput(String question, List<Long> collections, Long conversationId, QueryFilter filters,
        boolean newConversation) {

    public AskInput(String question, List<Long> collections, Long conversationId, QueryFilter filters) {
        this(question, collections, conversationId, filters, false);
    }
}
