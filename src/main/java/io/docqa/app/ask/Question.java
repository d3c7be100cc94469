package io.docqa.app.ask;

import io.docqa.retrieve.core.AccessScope;
import java.util.List;

/**
 * A question checked and ready to answer: its text, the caller's scope and the documents its filters allow (null:
 * all), the collections the caller chose (remembered by a conversation) and the conversation it belongs to, if any.
 * Only {@link AskService#prepare} makes one.
 */
public final class Question {

    final Admission admission;
    final String text;
    final AccessScope scope;
    final List<Long> chosen;
    final List<Long> documentIds;
    final Long conversationId;

    Question(Admission admission, String text, AccessScope scope, List<Long> chosen, List<Long> documentIds,
            Long conversationId) {
        this.admission = admission;
        this.text = text;
        this.scope = scope;
        this.chosen = chosen;
        this.documentIds = documentIds;
        this.conversationId = conversationId;
    }

    public String text() {
        return text;
    }

    /** The conversation the answer is kept in, or null. */
    public Long conversationId() {
        return conversationId;
    }
}
