package io.docqa.answer.verify;

import io.docqa.answer.model.SentenceCheck;
import io.docqa.answer.text.Terms;
import io.docqa.corpus.Sentences;
import io.docqa.embedding.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a generated answer sentence by sentence against the sources it cites: every citation must name a source
 * that was given; the sentence must be supported by a cited source (support score, see {@link VerifyConfig});
 * numbers must appear in a cited source (a changed figure is the costliest error in a contract); text in
 * quotation marks must appear verbatim. It also locates, for each cited source, the exact words relied on.
 */
@ApplicationScoped
public class AnswerVerifier {

    static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final Pattern TRAILING_MARKERS = Pattern.compile("\\s*([.!?])((?:\\s*\\[\\d{1,3}])+)");
    private static final Pattern LEADING_MARKERS = Pattern.compile("^(\\s*\\[\\d{1,3}])+");
    private static final Pattern QUOTE = Pattern.compile("[\"“”]([^\"“”]{3,}?)[\"“”]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    private final Embedder embedder;
    private final VerifyConfig config;

    public AnswerVerifier(Embedder embedder, VerifyConfig config) {
        this.embedder = embedder;
        this.config = config;
    }

    /** A numbered source as given to the model: its text and where that text starts in its document. */
    public record Source(int n, String text, int documentOffset) {
    }

    /** The exact words of source {@code n} relied on, at document characters [start, end). */
    public record Span(int n, String quote, int start, int end) {
    }

    /**
     * The result: the answer text with citations to unknown sources removed, the check of each sentence, the
     * unknown source numbers cited, and the located span per cited source.
     */
    public record Verification(String text, List<SentenceCheck> sentences, Set<Integer> unknownCitations,
            Map<Integer, Span> spans) {

        /** True only when there is at least one sentence and every sentence is supported. */
        public boolean allSupported() {
            return !sentences.isEmpty() && sentences.stream().allMatch(SentenceCheck::supported);
        }
    }

    public Verification verify(String answer, List<Source> sources) {
        Map<Integer, Source> byNumber = new HashMap<>();
        sources.forEach(s -> byNumber.put(s.n(), s));
        List<String> raw = splitSentences(answer);
        Set<Integer> unknown = new LinkedHashSet<>();
        Map<Integer, Span> spans = new LinkedHashMap<>();
        Map<Integer, SourceSentences> sourceSentences = new HashMap<>();
        List<SentenceCheck> checks = new ArrayList<>();
        StringBuilder cleaned = new StringBuilder();
        for (String sentence : raw) {
            List<Integer> valid = new ArrayList<>();
            List<Integer> invalid = new ArrayList<>();
            Matcher m = MARKER.matcher(sentence);
            StringBuilder kept = new StringBuilder();
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (byNumber.containsKey(n)) {
                    if (!valid.contains(n)) {
                        valid.add(n);
                    }
                    m.appendReplacement(kept, Matcher.quoteReplacement(m.group()));
                } else {
                    invalid.add(n);
                    m.appendReplacement(kept, "");
                }
            }
            m.appendTail(kept);
            String text = kept.toString().replaceAll(" +([.,;:!?])", "$1").strip();
            String claim = MARKER.matcher(text).replaceAll("").strip();
            unknown.addAll(invalid);
            if (!Terms.of(claim).isEmpty() || NUMBER.matcher(claim).find()) {
                checks.add(check(text, claim, valid, invalid, byNumber, sourceSentences, spans));
            }
            if (!text.isEmpty()) {
                cleaned.append(cleaned.isEmpty() ? "" : " ").append(text);
            }
        }
        return new Verification(cleaned.toString(), checks, unknown, spans);
    }

    private SentenceCheck check(String text, String claim, List<Integer> valid, List<Integer> invalid,
            Map<Integer, Source> sources, Map<Integer, SourceSentences> cache, Map<Integer, Span> spans) {
        if (valid.isEmpty()) {
            String problem = invalid.isEmpty() ? "no citation"
                    : "cites source(s) " + invalid + " that were not given";
            return new SentenceCheck(text, invalid, false, 0, problem);
        }
        float[] claimVector = embedder.embedSentences(List.of(claim)).get(0);
        Set<String> claimTerms = Terms.of(claim);
        double best = 0;
        List<String> problems = new ArrayList<>();
        for (int n : valid) {
            Source source = sources.get(n);
            SourceSentences ss = cache.computeIfAbsent(n, k -> sentencesOf(source));
            double lexical = claimTerms.isEmpty() ? 1 : Terms.coverage(claimTerms, Terms.of(source.text()));
            double semantic = 0;
            int bestSentence = -1;
            for (int i = 0; i < ss.vectors().size(); i++) {
                double sim = Embedder.cosine(claimVector, ss.vectors().get(i));
                if (sim > semantic) {
                    semantic = sim;
                    bestSentence = i;
                }
            }
            double score = config.lexicalWeight() * lexical + (1 - config.lexicalWeight()) * semantic;
            best = Math.max(best, score);
            if (bestSentence >= 0 && !spans.containsKey(n)) {
                int[] r = ss.ranges().get(bestSentence);
                spans.put(n, new Span(n, source.text().substring(r[0], r[1]), source.documentOffset() + r[0],
                        source.documentOffset() + r[1]));
            }
        }
        if (!invalid.isEmpty()) {
            problems.add("cites source(s) " + invalid + " that were not given");
        }
        for (Matcher q = NUMBER.matcher(claim); q.find();) {
            String number = q.group();
            boolean present = valid.stream().anyMatch(n -> containsNumber(sources.get(n).text(), number));
            if (!present) {
                problems.add("the number " + number + " is not in the cited source");
            }
        }
        for (Matcher q = QUOTE.matcher(claim); q.find();) {
            String quote = q.group(1).strip();
            Span found = null;
            for (int n : valid) {
                found = locateVerbatim(sources.get(n), quote);
                if (found != null) {
                    spans.put(n, found); // a quotation is the most exact span there is
                    break;
                }
            }
            if (found == null) {
                problems.add("the quotation \"" + quote + "\" does not appear verbatim in the cited source");
            }
        }
        if (best < config.minSupport()) {
            problems.add(0, "the cited source does not support this sentence (score %.2f < %.2f)"
                    .formatted(best, config.minSupport()));
        }
        double rounded = Math.round(best * 1000) / 1000.0;
        List<Integer> cited = new ArrayList<>(valid);
        cited.addAll(invalid);
        return new SentenceCheck(text, cited, problems.isEmpty(), rounded,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private record SourceSentences(List<int[]> ranges, List<float[]> vectors) {
    }

    private SourceSentences sentencesOf(Source source) {
        List<int[]> ranges = Sentences.ranges(source.text(), 0, source.text().length());
        List<String> texts = ranges.stream().map(r -> source.text().substring(r[0], r[1])).toList();
        return new SourceSentences(ranges, texts.isEmpty() ? List.of() : embedder.embedSentences(texts));
    }

    /** Answer sentences; citation markers that start a sentence belong to the previous one ("... terms. [2] The"). */
    static List<String> splitSentences(String text) {
        // "... days. [1] Fees" is one sentence to a BreakIterator: put the markers before the full stop
        String answer = TRAILING_MARKERS.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                " " + m.group(2).replaceAll("\\s+", "") + m.group(1)));
        List<String> out = new ArrayList<>();
        for (int[] r : Sentences.ranges(answer, 0, answer.length())) {
            String s = answer.substring(r[0], r[1]);
            Matcher lead = LEADING_MARKERS.matcher(s);
            if (lead.find() && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + lead.group().strip());
                s = s.substring(lead.end()).strip();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean containsNumber(String text, String number) {
        return Pattern.compile("(?<![\\d.,])" + Pattern.quote(number) + "(?![\\d]|[.,]\\d)").matcher(text).find();
    }

    /** Finds the quotation in the source, ignoring differences in whitespace and in quote and dash characters. */
    public static Span locateVerbatim(Source source, String quote) {
        String[] words = normalise(quote).strip().split("\\s+");
        StringBuilder regex = new StringBuilder();
        for (String w : words) {
            regex.append(regex.isEmpty() ? "" : "\\s+").append(Pattern.quote(w));
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(normalise(source.text()));
        if (!m.find()) {
            return null;
        }
        return new Span(source.n(), source.text().substring(m.start(), m.end()), source.documentOffset() + m.start(),
                source.documentOffset() + m.end());
    }

    /** Same length as the input, so offsets stay valid. */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(switch (c) {
                case '‘', '’', '‚', '′' -> '\'';
                case '“', '”', '„', '″' -> '"';
                case '‐', '‑', '‒', '–', '—' -> '-';
                case '\u00a0' -> ' ';
                default -> c;
            });
        }
        return b.toString();
    }
}
