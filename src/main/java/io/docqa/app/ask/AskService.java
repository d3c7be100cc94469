package io.docqa.app.ask;

import io.docqa.answer.AnswerService;
import io.docqa.answer.Answered;
import io.docqa.answer.conversation.ConversationService;
import io.docqa.answer.conversation.ConversationService.AnsweredTurn;
import io.docqa.answer.feedback.AnswerFeedbackRepository;
import io.docqa.answer.feedback.AnswerFeedbackRepository.NewAnswer;
import io.docqa.answer.model.Answer;
import io.docqa.answer.model.Citation;
import io.docqa.app.Lookups;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.DocumentCollection;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.audit.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Asking a question, for every adapter alike: {@link #admit} (current caller, rate limit), {@link #prepare}
 * (validation, scope, filters, conversation), {@link #answer} (retrieval, answer, audit). {@link #ask} does all
 * three; a streaming adapter splits them so that its refusals arrive the way its clients expect.
 */
@ApplicationScoped
public class AskService {

    /** Longest question accepted, for a text field's hint; the service enforces it. */
    public static final int MAX_QUESTION_CHARS = QueryRules.MAX_QUERY_CHARS;

    private final QueryRules rules;
    private final QueryFilters filters;
    private final AnswerService answers;
    private final ConversationService conversations;
    private final AccessPolicy access;
    private final AnswerFeedbackRepository recorded;

    public AskService(QueryRules rules, QueryFilters filters, AnswerService answers, ConversationService conversations,
            AccessPolicy access, AnswerFeedbackRepository recorded) {
        this.recorded = recorded;
        this.rules = rules;
        this.filters = filters;
        this.answers = answers;
        this.conversations = conversations;
        this.access = access;
    }

    /** Admits, prepares and answers without streaming. */
    public AskResult ask(Caller claimed, AskInput input) {
        return ask(claimed, input, Channel.API);
    }

    /** Admits, prepares and answers without streaming, for the adapter {@code channel}. */
    public AskResult ask(Caller claimed, AskInput input, Channel channel) {
        return answer(prepare(admit(claimed, channel), input), null);
    }

    /** The current caller, within their rate limit (refused otherwise, with the time to wait). */
    public Admission admit(Caller claimed, Channel channel) {
        return new Admission(rules.admit(claimed), channel);
    }

    /** True when answers are written by a language model, token by token: worth streaming to the user. */
    public boolean streams() {
        return answers.usesLlm();
    }

    /** The collections the caller may ask over now, for a picker. */
    public List<DocumentCollection> collections(Caller claimed) {
        return access.readableCollections(rules.current(claimed));
    }

    /**
     * Checks the question; a follow-up without collections asks over the ones its conversation remembers, those
     * the caller may still read. With {@link AskInput#newConversation()} a conversation titled by the question is
     * started once the question passed every check.
     */
    public Question prepare(Admission admission, AskInput input) {
        if (input == null) {
            throw UseCaseException.invalid("Send {\"question\": \"...\", \"collections\": [ids]}.");
        }
        Caller caller = admission.caller();
        String question = QueryRules.requireText(input.question(), "question");
        List<Long> chosen = QueryRules.distinctCollections(input.collections());
        if (input.conversationId() != null && chosen.isEmpty()) {
            List<Long> remembered = Lookups.found(() -> conversations.require(caller.userId(), input.conversationId()))
                    .collectionIds();
            chosen = rules.stillReadable(caller, remembered);
        }
        AccessScope scope = rules.scope(caller, chosen);
        List<Long> documentIds = filters.resolve(input.filters(), scope);
        Long conversationId = input.conversationId();
        if (conversationId == null && input.newConversation()) {
            conversationId = conversations.create(caller.userId(), question).id();
        }
        return new Question(admission, question, scope, chosen, documentIds,
                conversationId);
    }

    /**
     * Answers, streaming the model's tokens to {@code tokens} when given, keeps the answer in the question's
     * conversation, records it (its {@link AskResult#answerId()} is what feedback names), and writes the audit entry.
     */
    public AskResult answer(Question q, Consumer<String> tokens) {
        long started = System.nanoTime();
        Caller caller = q.admission.caller();
        AskResult result;
        Retrieval retrieval;
        Long turnId = null;
        if (q.conversationId != null) {
            AnsweredTurn t = Lookups.found(() -> conversations.ask(caller.userId(), q.conversationId, q.text,
                    q.scope, q.chosen, q.documentIds, tokens));
            result = new AskResult(t.turn().answer(), t.turn().conversationId(), t.turn().standaloneQuestion());
            retrieval = t.retrieval();
            turnId = t.turn().id();
        } else {
            Answered a = answers.answer(q.scope, q.text, q.documentIds, tokens);
            result = new AskResult(a.answer(), null, null);
            retrieval = a.retrieval();
        }
        Answer answer = result.answer();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("question", q.text);
        detail.put("cited", answer.citations().stream().map(Citation::chunkId).toList());
        detail.put("answer", answer.answer());
        detail.put("grounded", answer.grounded());
        detail.put("mode", answer.mode());
        if (q.admission.channel() == Channel.UI) {
            detail.put("via", "ui");
        }
        rules.audit(caller, AuditAction.ASK, q.scope, retrieval, detail);
        long answerId = recorded.insertAnswer(new NewAnswer(caller.userId(), caller.username(), q.admission.channel().id(), q.text,
                answer.answer(), answer.mode(), answer.grounded(), answer.abstained(), answer.citations(),
                retrieval == null ? List.of() : retrieval.chunkIds(), q.scope.collectionIds(),
                (System.nanoTime() - started) / 1_000_000, result.conversationId(), answer.sentences(), turnId));
        return new AskResult(result.answer(), result.conversationId(), result.standaloneQuestion(), answerId);
    }
}
