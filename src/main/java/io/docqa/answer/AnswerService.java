package io.docqa.answer;

import dev.langchain4j.model.chat.ChatModel;
import io.docqa.answer.extractive.ExtractiveAnswerer;
import io.docqa.answer.llm.ChatModelProducer;
import io.docqa.answer.llm.LlmAnswerer;
import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.RetrievedPassage;
import io.docqa.retrieve.Retriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Question → retrieval → relevance check → cited answer (LLM when configured, extractive otherwise). */
@ApplicationScoped
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);

    private final Retriever retriever;
    private final RelevanceGate gate;
    private final ExtractiveAnswerer extractive;
    private final Optional<ChatModel> chatModel;
    private final AnswerConfig config;

    public AnswerService(Retriever retriever, RelevanceGate gate, ExtractiveAnswerer extractive,
            ChatModelProducer chatModels, AnswerConfig config) {
        this.retriever = retriever;
        this.gate = gate;
        this.extractive = extractive;
        this.chatModel = chatModels.model();
        this.config = config;
    }

    public boolean usesLlm() {
        return chatModel.isPresent();
    }

    public Answer ask(String question, List<Long> collectionIds) {
        String mode = chatModel.isPresent() ? Answer.LLM : Answer.EXTRACTIVE;
        List<RetrievedPassage> retrieved = retriever.retrieve(new RetrievalQuery(question, collectionIds, config.sources()));
        List<RetrievedPassage> relevant = gate.relevant(question, retrieved);
        if (relevant.isEmpty()) {
            return Answer.notFound(mode, null);
        }
        if (chatModel.isEmpty()) {
            return extractive.answer(question, relevant, null);
        }
        try {
            return LlmAnswerer.answer(chatModel.get(), question, relevant);
        } catch (RuntimeException e) {
            LOG.warnf("Language model failed (%s); answering extractively", e.toString());
            return extractive.answer(question, relevant,
                    "The language model could not answer (" + shortReason(e) + "). "
                            + "These sentences were extracted from your documents instead.");
        }
    }

    private static String shortReason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return name.toLowerCase().contains("timeout") ? "it timed out" : name;
    }
}
