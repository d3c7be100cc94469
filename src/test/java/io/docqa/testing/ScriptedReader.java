package io.docqa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a language model behind {@link ScriptedOpenAiServer}, for measuring the LLM answer
 * path (context fitting, prompt, citation check, "not found" handling) without model weights: it reads the numbered
 * sources of DocQA's prompt and replies with the source sentence that shares the most content words with the
 * question, cited as {@code [n]} (earlier sources win ties), or {@code NOT_FOUND} when no sentence shares any. It is
 * a lexical reader, not a language model: its scores say how good the context is, not how good a model would be.
 */
public final class ScriptedReader implements Function<String, String> {

    private static final Pattern SOURCE = Pattern.compile("<source n=\"(\\d+)\"[^>]*>\\n(.*?)\\n</source>", Pattern.DOTALL);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Set<String> STOP = Set.of("what", "when", "where", "which", "does", "that", "this", "with",
            "have", "from", "there", "their", "about", "under", "into", "your", "will", "would", "should", "could",
            "them", "they", "than", "then", "make", "made");
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String apply(String requestBody) {
        String user;
        try {
            JsonNode messages = json.readTree(requestBody).path("messages");
            user = messages.get(messages.size() - 1).path("content").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int q = user.lastIndexOf("\nQuestion: ");
        if (q < 0) {
            return "NOT_FOUND";
        }
        Set<String> wanted = words(user.substring(q + 11));
        String best = null;
        int bestN = 0;
        int bestScore = 0;
        Matcher m = SOURCE.matcher(user.substring(0, q));
        while (m.find()) {
            for (String sentence : SENTENCE_END.split(m.group(2))) {
                Set<String> have = words(sentence);
                have.retainAll(wanted);
                if (have.size() > bestScore && sentence.strip().length() >= 25 && !sentence.strip().endsWith("?")) {
                    best = sentence.strip();
                    bestN = Integer.parseInt(m.group(1));
                    bestScore = have.size();
                }
            }
        }
        return best == null ? "NOT_FOUND" : best + " [" + bestN + "]";
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (w.length() >= 4 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
