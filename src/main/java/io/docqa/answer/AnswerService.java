package io.docqa.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.docqa.answer.extractive.ExtractiveAnswerer;
import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.model.Citation;
import io.docqa.answer.llm.ChatModelProducer;
import io.docqa.answer.llm.LlmAnswerer;
import io.docqa.answer.llm.LlmConfig;
import io.docqa.answer.llm.LlmMetrics;
import io.docqa.answer.prompt.PromptBuilder;
import io.docqa.answer.verify.AnswerVerifier;
import io.docqa.answer.verify.AnswerVerifier.Source;
import io.docqa.answer.verify.AnswerVerifier.Span;
import io.docqa.answer.verify.AnswerVerifier.Verification;
import io.docqa.corpus.Chunk;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.Retriever;
import io.docqa.retrieve.core.SearchMetrics;
import io.docqa.retrieve.expand.PassageExpander;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.docqa.retrieve.named.NamedDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Question → retrieval → relevance check → cited answer (LLM when configured, extractive otherwise) →
 * sentence-by-sentence verification. When the question names something the documents do not have
 * ({@link MissingTargets}), nothing relevant is found, or the model says the sources do not answer, DocQA abstains
 * and lists the closest passages instead.
 */
@ApplicationScoped
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    /** Passages listed when DocQA abstains. */
    static final int CLOSEST = 3;

    private final Retriever retriever;
    private final RelevanceGate gate;
    private final ExtractiveAnswerer extractive;
    private final AnswerVerifier verifier;
    private final Optional<ChatModel> chatModel;
    private final Optional<StreamingChatModel> streamingModel;
    private final LlmConfig llmConfig;
    private final AnswerConfig config;
    private final PassageExpander expander;
    private final MissingTargets missingTargets;
    private final NamedDocuments namedDocuments;
    private final SearchMetrics searchMetrics;
    private final LlmMetrics llmMetrics;

    public AnswerService(Retriever retriever, RelevanceGate gate, ExtractiveAnswerer extractive,
            AnswerVerifier verifier, ChatModelProducer chatModels, AnswerConfig config, PassageExpander expander,
            MissingTargets missingTargets, NamedDocuments namedDocuments, SearchMetrics searchMetrics,
            LlmMetrics llmMetrics) {
        this.searchMetrics = searchMetrics;
        this.llmMetrics = llmMetrics;
        this.namedDocuments = namedDocuments;
        this.missingTargets = missingTargets;
        this.expander = expander;
        this.retriever = retriever;
        this.gate = gate;
        this.extractive = extractive;
        this.verifier = verifier;
        this.chatModel = chatModels.model();
        this.streamingModel = chatModels.streamingModel();
        this.llmConfig = chatModels.config();
        this.config = config;
    }

    public boolean usesLlm() {
        return chatModel.isPresent();
    }

    /** Answers over the whole scope, without streaming (the evaluation harness). */
    public Answer ask(AccessScope scope, String question) {
        return answer(scope, question, null, null).answer();
    }

    /**
     * Answers within {@code scope}, the sources restricted to {@code documentIds} unless it is null (the documents a
     * metadata filter selected); when {@code tokens} is given and a model is configured, the model's reply is
     * streamed to it as it is generated. The returned answer is final (verified) and replaces the streamed text; it
     * comes with the retrieval it was answered from, for the audit trail.
     */
    public Answered answer(AccessScope scope, String question, List<Long> documentIds, Consumer<String> tokens) {
        Retrieval retrieval = retriever.retrieve(scope, new RetrievalQuery(question, config.sources(), documentIds));
        scope.requireWithin(retrieval.passages()); // before a word of the answer is written
        long t0 = System.nanoTime();
        Answer answer = answer(scope, question, documentIds, tokens, retrieval.passages());
        searchMetrics.answer(System.nanoTime() - t0);
        return new Answered(answer, retrieval);
    }

    /**
     * What the answer to {@code question} is written from, given what retrieval found: the passages the relevance
     * gate counts, expanded with their definitions, cited clauses and neighbours, then (with
     * {@link AnswerConfig#uncountedSources()}) the other retrieved passages in retrieval's order (of the named documents
     * only, when the question names some); empty when DocQA
     * abstains (the gate counts none); {@code missing} when the question names something the documents lack.
     */
    public Sources sources(AccessScope scope, String question, List<Long> documentIds,
            List<RetrievedPassage> retrieved) {
        Optional<String> missing = missingTargets.find(question, scope, documentIds);
        if (missing.isPresent()) {
            return new Sources(List.of(), missing.get());
        }
        List<RetrievedPassage> relevant = gate.judge(question, scope, retrieved).relevant();
        if (relevant.isEmpty()) {
            return new Sources(List.of(), null);
        }
        // definitions, cited clauses (and neighbours) of the relevant passages become sources too
        List<RetrievedPassage> sources = new ArrayList<>(expander.expand(scope, relevant));
        if (config.uncountedSources()) {
            // of the documents the question names, when it names some: another document's passage that did not count
            // is what retrieval filled the list with, not what the user asked about
            Named named = namedDocuments.find(scope, question);
            Set<Long> given = new java.util.HashSet<>();
            sources.forEach(p -> given.add(p.chunk().id()));
            retrieved.stream().filter(p -> !named.any() || named.documentIds().contains(p.chunk().documentId()))
                    .filter(p -> given.add(p.chunk().id())).forEach(sources::add);
        }
        return new Sources(List.copyOf(sources), null);
    }

    /** The passages an answer is written from (empty: abstain), and what the question names that is missing. */
    public record Sources(List<RetrievedPassage> passages, String missing) {
        public boolean abstain() {
            return passages.isEmpty();
        }
    }

    private Answer answer(AccessScope scope, String question, List<Long> documentIds, Consumer<String> tokens,
            List<RetrievedPassage> retrieved) {
        String mode = chatModel.isPresent() ? Answer.LLM : Answer.EXTRACTIVE;
        Sources found = sources(scope, question, documentIds, retrieved);
        if (found.missing() != null) {
            return Answer.notFound(mode, found.missing()).withClosest(closest(retrieved));
        }
        if (found.abstain()) {
            return Answer.notFound(mode, null).withClosest(closest(retrieved));
        }
        List<RetrievedPassage> relevant = found.passages();
        if (chatModel.isEmpty()) {
            return verifyExtractive(extractive.answer(focus(question, scope), relevant, null), relevant);
        }
        List<RetrievedPassage> sources = PromptBuilder.fitToContext(relevant, question, llmConfig.maxContextTokens());
        String reply;
        try {
            List<ChatMessage> prompt = PromptBuilder.build(question, sources);
            boolean streaming = tokens != null && streamingModel.isPresent();
            reply = llmMetrics.timed(streaming, () -> streaming
                    ? LlmAnswerer.stream(streamingModel.get(), prompt, tokens, llmConfig.timeout())
                    : LlmAnswerer.reply(chatModel.get(), prompt));
        } catch (RuntimeException e) {
            LOG.warnf("Language model failed (%s); answering extractively", e.toString());
            return verifyExtractive(extractive.answer(focus(question, scope), relevant,
                    "The language model could not answer (" + shortReason(e) + "). "
                            + "These sentences were extracted from your documents instead."), relevant);
        }
        if (reply.isEmpty() || reply.startsWith(PromptBuilder.NOT_FOUND_MARKER)) {
            return Answer.notFound(Answer.LLM, null).withClosest(closest(relevant));
        }
        return fromReply(reply, sources);
    }

    /**
     * The question as the extractive answer weighs sentences: without the words that named its documents ("under
     * the Apache License 2.0"), which would otherwise favour boilerplate that repeats the document's name.
     */
    private String focus(String question, AccessScope scope) {
        Named named = namedDocuments.find(scope, question);
        return named.any() && named.rest() != null && named.rest().chars().filter(Character::isLetter).count() >= 3
                ? named.rest() : question;
    }

    /** Verifies a model's reply against the sources it was given and builds the cited answer. */
    Answer fromReply(String reply, List<RetrievedPassage> sources) {
        List<Source> given = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Chunk c = sources.get(i).chunk();
            given.add(new Source(i + 1, c.text(), c.startOffset()));
        }
        Verification v = verifier.verify(reply, given);
        Set<Integer> cited = new LinkedHashSet<>();
        for (Matcher m = MARKER.matcher(v.text()); m.find();) {
            cited.add(Integer.parseInt(m.group(1)));
        }
        List<Citation> citations = new ArrayList<>();
        for (int n : cited) {
            RetrievedPassage p = sources.get(n - 1);
            Chunk c = p.chunk();
            Span span = v.spans().get(n);
            citations.add(new Citation(n, c.documentId(), p.documentName(), c.id(), c.page(), c.headingPath(), c.text(),
                    span == null ? null : span.quote(), span == null ? c.startOffset() : span.start(),
                    span == null ? c.endOffset() : span.end(), p.addedFor()));
        }
        List<String> notices = new ArrayList<>();
        if (!v.unknownCitations().isEmpty()) {
            notices.add("The model cited source(s) " + v.unknownCitations()
                    + " that it was not given; those references were removed.");
        }
        if (cited.isEmpty()) {
            notices.add("The model gave no citations; check the answer against the documents.");
        }
        long unsupported = v.sentences().stream().filter(s -> !s.supported()).count();
        if (unsupported > 0) {
            notices.add(unsupported + " of " + v.sentences().size()
                    + " sentence(s) could not be verified against the cited sources; they are marked.");
        }
        boolean grounded = v.allSupported() && v.unknownCitations().isEmpty() && !cited.isEmpty();
        return new Answer(v.text(), Answer.LLM, grounded, citations, notices.isEmpty() ? null : String.join(" ", notices),
                v.sentences(), List.of());
    }

    /** Extractive sentences are verbatim, so they are checked against themselves: the check is a safeguard. */
    private Answer verifyExtractive(Answer answer, List<RetrievedPassage> relevant) {
        if (answer.abstained()) {
            return answer.withClosest(closest(relevant));
        }
        List<Source> given = answer.citations().stream()
                .map(c -> new Source(c.n(), c.quote() == null ? c.text() : c.quote(), c.start())).toList();
        Verification v = verifier.verify(answer.answer(), given);
        return answer.withVerification(v.sentences(), answer.citations(), v.allSupported());
    }

    private static List<Citation> closest(List<RetrievedPassage> passages) {
        List<Citation> out = new ArrayList<>();
        for (RetrievedPassage p : passages.subList(0, Math.min(CLOSEST, passages.size()))) {
            Chunk c = p.chunk();
            out.add(new Citation(out.size() + 1, c.documentId(), p.documentName(), c.id(), c.page(), c.headingPath(),
                    c.text(), null, c.startOffset(), c.endOffset()));
        }
        return out;
    }

    private static String shortReason(Throwable e) {
        if (e instanceof LlmAnswerer.LlmUnavailableException) {
            return e.getMessage();
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return name.toLowerCase().contains("timeout") ? "it timed out" : name;
    }
}
