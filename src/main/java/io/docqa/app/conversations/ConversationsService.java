package io.docqa.app.conversations;

import io.docqa.answer.conversation.Conversation;
import io.docqa.answer.conversation.ConversationService;
import io.docqa.answer.conversation.Turn;
import io.docqa.app.Callers;
import io.docqa.app.Throttle;
import io.docqa.app.Lookups;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The caller's own conversations: list, start, read, delete. Another user's conversation does not exist for them
 * (not found). The collections a conversation remembers are shown only as far as the caller may still read them.
 */
@ApplicationScoped
public class ConversationsService {

    /** A conversation with the remembered collections the caller may still read (empty: all). */
    public record Listed(Conversation conversation, List<Long> collectionIds) {
    }

    /** A conversation with its turns, oldest first, and the remembered collections the caller may still read. */
    public record Detail(Conversation conversation, List<Turn> turns, List<Long> collectionIds) {
    }

    /** Most conversations a listing returns (the most recently used). */
    public static final int MAX_LISTED = 100;

    private final Callers callers;
    private final Throttle throttle;
    private final ConversationService conversations;
    private final AccessPolicy access;

    public ConversationsService(Callers callers, Throttle throttle, ConversationService conversations,
            AccessPolicy access) {
        this.callers = callers;
        this.throttle = throttle;
        this.conversations = conversations;
        this.access = access;
    }

    /** The caller's {@link #MAX_LISTED} most recently used conversations, most recently used first. */
    public List<Listed> list(Caller claimed) {
        Caller caller = callers.current(claimed);
        return conversations.list(caller.userId(), MAX_LISTED).stream()
                .map(c -> new Listed(c, access.stillReadable(caller, c.collectionIds()))).toList();
    }

    /** Starts a conversation; without a title it is titled by its first question. Rate-limited as expensive. */
    public Conversation create(Caller claimed, String title) {
        return conversations.create(throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "new conversations")
                .userId(), title);
    }

    public Detail get(Caller claimed, long id) {
        Caller caller = callers.current(claimed);
        Conversation c = Lookups.found(() -> conversations.require(caller.userId(), id));
        return new Detail(c, conversations.turns(caller.userId(), id), access.stillReadable(caller, c.collectionIds()));
    }

    public void delete(Caller claimed, long id) {
        long owner = callers.current(claimed).userId();
        Lookups.found(() -> conversations.delete(owner, id));
    }
}
