package io.docqa.answer.conversation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import io.docqa.answer.text.Terms;
import io.docqa.answer.llm.ChatModelProducer;
import io.docqa.answer.llm.LlmAnswerer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns a follow-up question ("and what about termination?") into a standalone query using the conversation:
 * through the language model when one is configured, otherwise (or when the model fails) by carrying the key
 * words of the previous question over to a follow-up that is short or refers back with a pronoun.
 */
@ApplicationScoped
public class QueryRewriter {

    private static final Logger LOG = Logger.getLogger(QueryRewriter.class);

    /** Turns of history given to the model. */
    static final int HISTORY_TURNS = 3;
    /** A question with at most this many content words is read as a follow-up. */
    static final int SHORT_QUESTION_TERMS = 3;
    private static final Pattern REFERS_BACK = Pattern.compile(
            "^(and|also|but|what about|how about|then)\\b|\\b(it|its|they|them|their|this|that|these|those|he|she|his|her|there)\\b");

    /** Words that shape a question but carry no subject (the index analyser keeps them). */
    private static final Set<String> QUESTION_WORDS = Set.of("how", "many", "much", "what", "which", "who", "whom",
            "whose", "when", "where", "why", "do", "does", "did", "get", "gets", "got", "can", "could", "would",
            "should", "may", "might", "must", "shall", "has", "have", "had", "i", "we", "you", "me", "my", "our",
            "your", "about", "any", "all", "some", "tell", "say", "says", "said", "there", "here", "please");

    static final String SYSTEM = """
            Rewrite the user's follow-up question into one standalone question that can be understood without the
            conversation. Keep the user's wording where possible, resolve pronouns and references using the
            conversation, and do not answer the question. Reply with the standalone question only.
            """;

    private final Optional<ChatModel> model;
    private final boolean useModel;

    public QueryRewriter(ChatModelProducer models) {
        this.model = models.model();
        this.useModel = models.config().rewriteFollowUps();
    }

    /** One previous exchange: the standalone question asked and the answer given. */
    public record Exchange(String question, String answer) {
    }

    public String rewrite(String question, List<Exchange> history) {
        if (history.isEmpty()) {
            return question;
        }
        if (model.isPresent() && useModel) {
            try {
                String rewritten = LlmAnswerer.reply(model.get(), List.of(SystemMessage.from(SYSTEM),
                        UserMessage.from(prompt(question, history))));
                String line = rewritten.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
                if (!line.isEmpty() && line.length() <= 4 * question.length() + 400) {
                    return line;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not rewrite the follow-up with the language model (%s); using the heuristic", e.toString());
            }
        }
        return heuristic(question, history.get(history.size() - 1).question());
    }

    static String prompt(String question, List<Exchange> history) {
        StringBuilder b = new StringBuilder("Conversation:\n");
        for (Exchange e : history.subList(Math.max(0, history.size() - HISTORY_TURNS), history.size())) {
            b.append("User: ").append(e.question()).append('\n');
            b.append("Assistant: ").append(e.answer().replaceAll("\\s+", " ")).append('\n');
        }
        return b.append("\nFollow-up question: ").append(question).toString();
    }

    /** Appends the previous question's content words that the follow-up lacks, when it reads as a follow-up. */
    static String heuristic(String question, String previous) {
        Set<String> own = Terms.of(question);
        boolean followUp = own.size() <= SHORT_QUESTION_TERMS
                || REFERS_BACK.matcher(question.toLowerCase(Locale.ROOT)).find();
        if (!followUp) {
            return question;
        }
        Set<String> carried = new LinkedHashSet<>();
        for (String word : previous.split("[^\\p{L}\\p{N}'-]+")) {
            Set<String> stem = Terms.of(word);
            if (!stem.isEmpty() && !own.containsAll(stem) && !QUESTION_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                carried.add(word);
            }
        }
        return carried.isEmpty() ? question : question.strip() + " (" + String.join(" ", carried) + ")";
    }
}
