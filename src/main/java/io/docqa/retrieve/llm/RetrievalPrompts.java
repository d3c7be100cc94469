package io.docqa.retrieve.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.docqa.retrieve.core.RetrievedPassage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The prompts retrieval sends to the language model (re-ranking, multi-query rewriting, hypothetical passages) and
 * the parsing of their replies, in one place. Parsing is lenient about prose around the JSON and strict about what
 * it takes from it: a reply it cannot read gives {@link Optional#empty()}, and the caller keeps the plain ranking.
 */
public final class RetrievalPrompts {

    /** Characters of each passage shown for re-ranking: enough for a clause, short enough for 20 in one prompt. */
    public static final int PASSAGE_CHARS = 700;
    /** Longest rewritten query or hypothetical passage taken from a reply. */
    static final int QUERY_CHARS = 300;
    static final int HYPOTHETICAL_CHARS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RERANK_SYSTEM = """
            You rank search results. You are given a question and numbered passages from the user's documents.
            Decide which passages help answer the question. Reply with JSON only, in this form:
            {"relevant": [3, 1]}
            listing the numbers of the passages that answer the question, most relevant first. Leave out passages \
            that do not help. If none helps, reply {"relevant": []}.""";

    private static final String MULTI_QUERY_SYSTEM = """
            You help search a collection of documents. Rewrite the user's question as up to %d alternative search \
            queries, each phrased in the words the documents themselves would likely use (formal or technical \
            terms, synonyms, the names of the relevant sections). Keep each query short and about the same question. \
            Reply with JSON only, in this form:
            {"queries": ["first query", "second query"]}""";

    private static final String HYDE_SYSTEM = """
            You help search a collection of documents. Write a short passage, three to five sentences, as it could \
            appear in the documents and that answers the user's question, in the documents' likely vocabulary. \
            It is used only to find similar passages, so plausible wording matters more than correct facts. \
            Reply with the passage only.""";

    private RetrievalPrompts() {
    }

    /** Asks which of {@code passages} (numbered from 1) answer {@code question}, most relevant first. */
    public static List<ChatMessage> rerank(String question, List<RetrievedPassage> passages) {
        StringBuilder user = new StringBuilder("Question: ").append(question.strip()).append("\n\nPassages:\n");
        for (int i = 0; i < passages.size(); i++) {
            RetrievedPassage p = passages.get(i);
            user.append("\n[").append(i + 1).append("] Document: ").append(p.documentName());
            String heading = p.chunk().headingPath();
            if (heading != null && !heading.isBlank()) {
                user.append(" | Section: ").append(heading.strip());
            }
            user.append('\n').append(trim(p.chunk().text(), PASSAGE_CHARS)).append('\n');
        }
        user.append("\nWhich passages answer the question? Reply with JSON only.");
        return List.of(SystemMessage.from(RERANK_SYSTEM), UserMessage.from(user.toString()));
    }

    /** Asks for up to {@code count} phrasings of the question in the documents' words. */
    public static List<ChatMessage> multiQuery(String question, int count) {
        return List.of(SystemMessage.from(MULTI_QUERY_SYSTEM.formatted(count)),
                UserMessage.from("Question: " + question.strip()));
    }

    /** Asks for a short passage that would answer the question. */
    public static List<ChatMessage> hypotheticalPassage(String question) {
        return List.of(SystemMessage.from(HYDE_SYSTEM), UserMessage.from("Question: " + question.strip()));
    }

    /**
     * The passage numbers of a re-ranking reply, in the reply's order: numbers outside 1..{@code count} and repeats
     * are dropped; empty when the reply holds no readable list (an empty list is a reply that names none).
     */
    public static Optional<List<Integer>> rankedNumbers(String reply, int count) {
        Optional<JsonNode> list = firstArray(reply, "relevant");
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode n : list.get()) {
            if (n.isIntegralNumber() || n.isTextual() && n.asText().strip().matches("\\d{1,4}")) {
                int v = n.isIntegralNumber() ? n.asInt() : Integer.parseInt(n.asText().strip());
                if (v >= 1 && v <= count) {
                    out.add(v);
                }
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /**
     * The distinct queries of a multi-query reply other than the question itself, at most {@code max}; empty when the
     * reply holds no readable list.
     */
    public static Optional<List<String>> queries(String reply, String question, int max) {
        Optional<JsonNode> list = firstArray(reply, "queries");
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        seen.add(normalised(question));
        List<String> out = new ArrayList<>();
        for (JsonNode n : list.get()) {
            String q = n.isTextual() ? n.asText().strip() : "";
            if (!q.isEmpty() && out.size() < max && seen.add(normalised(q))) {
                out.add(trim(q, QUERY_CHARS));
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /** The hypothetical passage of a reply, empty when blank. */
    public static Optional<String> hypothetical(String reply) {
        String text = reply == null ? "" : reply.strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(trim(text, HYPOTHETICAL_CHARS));
    }

    /**
     * The array under {@code field} in the first JSON object of the reply that has one, else the first bare JSON
     * array; prose and code fences around it are skipped.
     */
    static Optional<JsonNode> firstArray(String reply, String field) {
        if (reply == null) {
            return Optional.empty();
        }
        for (char open : new char[] {'{', '['}) {
            for (int i = reply.indexOf(open); i >= 0; i = reply.indexOf(open, i + 1)) {
                Optional<JsonNode> node = parseFrom(reply, i);
                if (node.isPresent() && node.get().isObject() && node.get().path(field).isArray()) {
                    return Optional.of(node.get().get(field));
                }
                if (node.isPresent() && node.get().isArray()) {
                    return node;
                }
            }
        }
        return Optional.empty();
    }

    /** The JSON value that starts at {@code from}, when one does. */
    private static Optional<JsonNode> parseFrom(String text, int from) {
        try (var parser = JSON.createParser(text.substring(from))) {
            return Optional.ofNullable(JSON.readTree(parser));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String normalised(String q) {
        return q.strip().toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+", " ").strip();
    }

    private static String trim(String text, int max) {
        String t = text.strip();
        if (t.length() <= max) {
            return t;
        }
        int cut = t.lastIndexOf(' ', max);
        return t.substring(0, cut > max / 2 ? cut : max) + " …";
    }
}
