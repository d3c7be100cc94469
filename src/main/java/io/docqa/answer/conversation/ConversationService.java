package io.docqa.answer.conversation;

import io.docqa.answer.AnswerService;
import io.docqa.answer.Answered;
import io.docqa.answer.conversation.QueryRewriter.Exchange;
import io.docqa.corpus.NotFoundException;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.Retrieval;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;

/** Asking within a conversation: rewrite the follow-up using the history, answer, store the verified answer. */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository conversations;
    private final QueryRewriter rewriter;
    private final AnswerService answers;

    public ConversationService(ConversationRepository conversations, QueryRewriter rewriter, AnswerService answers) {
        this.conversations = conversations;
        this.rewriter = rewriter;
        this.answers = answers;
    }

    public Conversation create(long ownerId, String title) {
        String t = title == null || title.isBlank() ? Conversation.UNTITLED : ConversationRepository.title(title);
        return conversations.create(ownerId, t);
    }

    /** The owner's {@code limit} most recently used conversations, most recent first. */
    public List<Conversation> list(long ownerId, int limit) {
        return conversations.list(ownerId, limit);
    }

    /** The owner's conversation; another user's conversation is reported as not found. */
    public Conversation require(long ownerId, long id) {
        return conversations.find(ownerId, id)
                .orElseThrow(() -> new NotFoundException("No conversation with id " + id + "."));
    }

    public List<Turn> turns(long ownerId, long id) {
        return conversations.turns(require(ownerId, id).id());
    }

    public void delete(long ownerId, long id) {
        if (!conversations.delete(ownerId, id)) {
            throw new NotFoundException("No conversation with id " + id + ".");
        }
    }

    /** A stored turn with the retrieval its answer came from (for the audit trail). */
    public record AnsweredTurn(Turn turn, Retrieval retrieval) {
    }

    /**
     * Answers {@code question} within {@code scope} as the next turn of the owner's conversation and stores it,
     * the sources restricted to {@code documentIds} unless it is null; {@code chosen} (the collections the user
     * picked, empty for all) is remembered for the next questions.
     */
    public AnsweredTurn ask(long ownerId, long conversationId, String question, AccessScope scope, List<Long> chosen,
            List<Long> documentIds, Consumer<String> tokens) {
        Conversation conversation = require(ownerId, conversationId);
        if (!chosen.equals(conversation.collectionIds())) {
            conversations.setCollections(conversation.id(), chosen);
        }
        List<Exchange> history = conversations.turns(conversation.id()).stream()
                .map(t -> new Exchange(t.standaloneQuestion(), t.answer().answer())).toList();
        String standalone = rewriter.rewrite(question, history);
        Answered answered = answers.answer(scope, standalone, documentIds, tokens);
        return new AnsweredTurn(conversations.addTurn(conversation.id(), question, standalone, answered.answer()),
                answered.retrieval());
    }
}
