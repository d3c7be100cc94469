package io.docqa.answer.llm;

import dev.langchain4j.model.chat.ChatModel;
import io.docqa.answer.Answer;
import io.docqa.answer.Citation;
import io.docqa.answer.prompt.PromptBuilder;
import io.docqa.corpus.Chunk;
import io.docqa.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates an answer with a chat model from numbered sources, then keeps only citations to sources that were
 * given. A reply citing a source that does not exist is not grounded, and the bad marker is removed.
 */
public final class LlmAnswerer {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");

    private LlmAnswerer() {
    }

    public static Answer answer(ChatModel model, String question, List<RetrievedPassage> sources) {
        String reply = model.chat(PromptBuilder.build(question, sources)).aiMessage().text();
        return fromReply(reply == null ? "" : reply.strip(), sources);
    }

    static Answer fromReply(String reply, List<RetrievedPassage> sources) {
        if (reply.isEmpty() || reply.startsWith(PromptBuilder.NOT_FOUND_MARKER)) {
            return Answer.notFound(Answer.LLM, null);
        }
        Set<Integer> cited = new LinkedHashSet<>();
        Set<Integer> invalid = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(reply);
        StringBuilder cleaned = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= sources.size()) {
                cited.add(n);
                m.appendReplacement(cleaned, Matcher.quoteReplacement(m.group()));
            } else {
                invalid.add(n);
                m.appendReplacement(cleaned, "");
            }
        }
        m.appendTail(cleaned);
        List<Citation> citations = new ArrayList<>();
        for (int n : cited) {
            RetrievedPassage p = sources.get(n - 1);
            Chunk c = p.chunk();
            citations.add(new Citation(n, c.documentId(), p.documentName(), c.id(), c.page(), c.headingPath(), c.text(),
                    null, c.startOffset(), c.endOffset()));
        }
        String notice = null;
        if (!invalid.isEmpty()) {
            notice = "The model cited source(s) " + invalid + " that it was not given; those references were removed.";
        } else if (cited.isEmpty()) {
            notice = "The model gave no citations; check the answer against the documents.";
        }
        boolean grounded = invalid.isEmpty() && !cited.isEmpty();
        return new Answer(cleaned.toString().replaceAll(" +([.,;:])", "$1").strip(), Answer.LLM, grounded, citations, notice);
    }
}
