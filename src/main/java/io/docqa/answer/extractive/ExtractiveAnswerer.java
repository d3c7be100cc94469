package io.docqa.answer.extractive;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.model.Citation;
import io.docqa.answer.text.SectionNumbers;
import io.docqa.answer.text.Terms;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.Sentences;
import io.docqa.embedding.Embedder;
import io.docqa.retrieve.core.RetrievedPassage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers without a language model: the sentences of the retrieved passages that are closest to the question
 * (meaning and shared words, the words of the sentence's section and of the term a definition list gives it included;
 * the meaning of a sentence is read under the last heading of its section),
 * each followed by the number of its source. Sentences of passages retrieval ranked higher count more (passages added
 * to read another rank right after it), and so do sentences under a section the question names by number; shared
 * words count by their rarity among the sentences; title lines, asides, pointers elsewhere count less; a sentence
 * introducing the next line ("…using this command:") is read and cited with it. The passage ranked first is cited
 * unless its best sentence falls well behind, and the sentences spread over passages. Sentences that cannot answer
 * anything are never chosen: questions (a FAQ's headings), the passage's own headings, navigation or index lines.
 */
@ApplicationScoped
public class ExtractiveAnswerer {

    /** Sentences shorter than this carry too little to stand alone. */
    static final int MIN_SENTENCE_CHARS = 25;
    /** A chosen sentence must score at least this share of the best one. */
    static final double RELATIVE_FLOOR = 0.85;
    /**
     * Score lost per rank of the sentence's passage below the first (retrieval's order is evidence too). 0.04 while
     * the sources were the passages the gate counted; with the uncounted ones after them, 0.02 (real-corpora
     * development half, citation hit 0.653 → 0.694: docs/answers.md).
     */
    static final double RANK_PENALTY = 0.02;
    /**
     * Factor for a line that reads as a title ("Acme Master Services Agreement, version 2") or an aside
     * ({@link #isAside}): such lines rarely answer, but a table cell can look like one and may be the only answer
     * there is, so they are weighed down, not dropped.
     */
    static final double TITLE_LINE_FACTOR = 0.8;
    /** Factor for sentences under a section the question names by number ("question 7.10", "section 3.5.3"). */
    static final double SECTION_BONUS = 1.5;
    /** Share of the best score at which the best sentence of the top-ranked passage is cited as well. */
    static final double TOP_PASSAGE_FLOOR = 0.7;
    /** Passage ranks beyond this one are penalised no further. */
    static final int RANK_PENALTY_CAP = 5;

    private final Embedder embedder;
    private final AnswerConfig config;

    public ExtractiveAnswerer(Embedder embedder, AnswerConfig config) {
        this.embedder = embedder;
        this.config = config;
    }

    /**
     * A sentence; {@code score} is first its prior (1, or {@link #TITLE_LINE_FACTOR}) and then its final score;
     * {@code lead} is the short line before it that it describes (a definition list's term), or "".
     */
    private record Candidate(RetrievedPassage passage, int start, int end, String text, double score, String lead) {

        String judged() {
            return lead.isEmpty() ? text : lead + "\n" + text;
        }
    }

    public Answer answer(String question, List<RetrievedPassage> passages, String notice) {
        Map<RetrievedPassage, Integer> ranks = ranks(passages);
        List<Candidate> scored = ranked(question, passages, ranks);
        if (scored.isEmpty()) {
            return Answer.notFound(Answer.EXTRACTIVE, notice);
        }
        List<Candidate> chosen = choose(scored, ranks);
        StringBuilder text = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        for (Candidate c : chosen) {
            Chunk chunk = c.passage().chunk();
            int n = citations.size() + 1;
            citations.add(new Citation(n, chunk.documentId(), c.passage().documentName(), chunk.id(), chunk.page(),
                    chunk.headingPath(), chunk.text(), c.text(), c.start(), c.end(), c.passage().addedFor()));
            text.append(text.isEmpty() ? "" : " ").append(c.text()).append(" [").append(n).append(']');
        }
        return new Answer(text.toString(), Answer.EXTRACTIVE, true, citations, notice);
    }

    /**
     * Each passage's rank in retrieval's order: among the passages the retrievers found, an added passage (a
     * definition, a cited clause, a neighbour) ranking right after the one it was added for, so that additions never
     * push the retrievers' second passage down.
     */
    private static Map<RetrievedPassage, Integer> ranks(List<RetrievedPassage> passages) {
        Map<RetrievedPassage, Integer> ranks = new IdentityHashMap<>();
        int found = 0;
        for (RetrievedPassage p : passages) {
            ranks.putIfAbsent(p, p.addedFor() == null ? found++ : found);
        }
        return ranks;
    }

    /** Every sentence that can answer, best first (ties broken by chunk id and position). */
    private List<Candidate> ranked(String question, List<RetrievedPassage> passages, Map<RetrievedPassage, Integer> ranks) {
        List<Candidate> candidates = candidates(passages);
        if (candidates.isEmpty()) {
            return candidates;
        }
        float[] q = embedder.embedQuery(question);
        // each sentence is read under the last heading of its section ("The Set Builtin", a FAQ's question): what a
        // sentence such as "-e Exit immediately if a pipeline fails" is about often stands only there
        List<float[]> vectors = embedder.embedSentences(candidates.stream()
                .map(c -> inContext(c.passage().chunk().headingPath(), c.judged())).toList());
        Set<String> wanted = Terms.of(question);
        List<Pattern> sections = SectionNumbers.sectionPatterns(question);
        // the words of each sentence with its section's heading, and in how many sentences each question word occurs
        List<Set<String>> terms = new ArrayList<>(candidates.size());
        Map<String, Integer> frequency = new HashMap<>();
        for (Candidate c : candidates) {
            String heading = c.passage().chunk().headingPath();
            Set<String> t = Terms.of(heading == null ? c.judged() : heading + "\n" + c.judged());
            terms.add(t);
            t.stream().filter(wanted::contains).forEach(w -> frequency.merge(w, 1, Integer::sum));
        }
        List<Candidate> scored = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            double sim = Embedder.cosine(q, vectors.get(i));
            String heading = c.passage().chunk().headingPath();
            // the section a sentence stands in counts for its words too ("question 7.10" → the sentences under 7.10);
            // a question word that most sentences share (their heading's) tells them apart less than a rare one
            double words = rareWordCoverage(wanted, terms.get(i), frequency, candidates.size());
            int rank = Math.min(RANK_PENALTY_CAP, ranks.get(c.passage()));
            double inSection = inReferencedSection(sections, heading) ? SECTION_BONUS : 1.0;
            scored.add(new Candidate(c.passage(), c.start(), c.end(), c.text(),
                    (0.7 * sim + 0.3 * words) * (1 - RANK_PENALTY * rank) * inSection * c.score(), c.lead()));
        }
        scored.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingLong(c -> c.passage().chunk().id()).thenComparingInt(Candidate::start));
        return scored;
    }

    /**
     * The sentences cited, best first: the best one; then, unless it already is, the best sentence of the passage
     * retrieval ranked first, when it scores at least {@link #TOP_PASSAGE_FLOOR} of the best (the passage that
     * matched the whole question often holds the operative clause while a sentence elsewhere merely shares more
     * of its words); then the next best of passages not cited yet, then any, above {@link #RELATIVE_FLOOR}.
     */
    private List<Candidate> choose(List<Candidate> scored, Map<RetrievedPassage, Integer> ranks) {
        double best = scored.get(0).score();
        int max = config.maxSentences();
        List<Candidate> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        add(chosen, seen, scored.get(0), max);
        int topRank = scored.stream().mapToInt(c -> ranks.get(c.passage())).min().orElse(0);
        if (ranks.get(scored.get(0).passage()) != topRank) {
            scored.stream().filter(c -> ranks.get(c.passage()) == topRank && c.score() >= best * TOP_PASSAGE_FLOOR)
                    .findFirst().ifPresent(c -> add(chosen, seen, c, max));
        }
        Set<RetrievedPassage> cited = Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.forEach(c -> cited.add(c.passage()));
        for (boolean newPassagesOnly : new boolean[] {true, false}) {
            for (Candidate c : scored) {
                if (c.score() < best * RELATIVE_FLOOR) {
                    break;
                }
                if (!newPassagesOnly || !cited.contains(c.passage())) {
                    add(chosen, seen, c, max);
                    cited.add(c.passage());
                }
            }
        }
        return chosen;
    }

    /**
     * Share of the question's words found in a sentence, each word weighted by its rarity among the {@code n}
     * candidate sentences (log(1 + n / (1 + sentences holding it))): the words a whole section shares through its
     * heading count less than the one that singles out the sentence ("ignorespace" under "HISTCONTROL").
     */
    static double rareWordCoverage(Set<String> wanted, Set<String> present, Map<String, Integer> frequency,
            int n) {
        double all = 0;
        double found = 0;
        for (String w : wanted) {
            double weight = Math.log(1 + (double) n / (1 + frequency.getOrDefault(w, 0)));
            all += weight;
            found += present.contains(w) ? weight : 0;
        }
        return all == 0 ? 0 : found / all;
    }

    /** Adds {@code c} unless the answer is full or already holds it (overlapping chunks repeat sentences). */
    private static void add(List<Candidate> chosen, Set<String> seen, Candidate c, int max) {
        String key = c.passage().chunk().documentId() + ":" + c.start();
        if (chosen.size() < max && !seen.contains(key) && !seen.contains(c.text())) {
            seen.add(key);
            seen.add(c.text());
            chosen.add(c);
        }
    }

    /** The sentence under the last heading of its section, as the model reads it: the section says what it is about. */
    static String inContext(String headingPath, String sentence) {
        if (headingPath == null || headingPath.isBlank()) {
            return sentence;
        }
        String[] parts = headingPath.split(" › | > ");
        return parts[parts.length - 1].strip() + "\n" + sentence;
    }

    /** False for text that states nothing: a question, a heading of the passage, a navigation or index line. */
    static boolean canAnswer(String sentence, String headingPath) {
        String s = sentence.strip();
        if (s.endsWith("?") || NAVIGATION.matcher(s).find()) {
            return false;
        }
        if (headingPath != null && !headingPath.isEmpty()) {
            for (String heading : headingPath.split(" › | > ")) {
                if (heading.strip().equalsIgnoreCase(s)) {
                    return false;
                }
            }
        }
        long letters = s.chars().filter(Character::isLetter).count();
        return letters >= s.length() / 2;
    }

    /**
     * The line right before a sentence that opens its line, when that line is a short term without closing
     * punctuation ("extglob", "PIPESTATUS", "compgen"): what a definition list's description is about.
     */
    static String lead(String text, int sentenceStart) {
        if (sentenceStart == 0 || text.charAt(sentenceStart - 1) != '\n') {
            return "";
        }
        int end = sentenceStart - 1;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = text.lastIndexOf('\n', end - 1) + 1;
        String line = text.substring(start, end).strip();
        return line.isEmpty() || line.length() > LEAD_MAX_CHARS || ".!?;:".indexOf(line.charAt(line.length() - 1)) >= 0
                ? "" : line;
    }

    /** Longest line taken as the term a following sentence describes. */
    static final int LEAD_MAX_CHARS = 60;

    /** True when the heading path holds one of the section numbers as a whole number ("7.10", not "7.100"). */
    static boolean inReferencedSection(List<Pattern> sections, String headingPath) {
        return headingPath != null && sections.stream().anyMatch(p -> p.matcher(headingPath).find());
    }

    /**
     * True for a whole line that reads as a title: no closing punctuation, at most 12 words, most of them capitalised
     * ("Acme Master Services Agreement, version 2", "Customizing your Debian GNU/Linux system"). A table cell such as
     * "Payment terms: 30 days" is not one.
     */
    static boolean isTitleLine(String text, int start, int end) {
        boolean wholeLine = (start == 0 || text.charAt(start - 1) == '\n') && (end == text.length() || text.charAt(end) == '\n');
        String s = text.substring(start, end).strip();
        if (!wholeLine || s.isEmpty() || ".!?:;\"'”)".indexOf(s.charAt(s.length() - 1)) >= 0) {
            return false;
        }
        return titleCase(s.split("\\s+"), 1);
    }

    /**
     * True when a sentence ends its line with a colon and the next sentence stands on the following line: "… remove
     * unwanted kernel image packages using this command:" and the command. The two are read and cited as one.
     */
    static boolean introducesNextLine(String text, int[] sentence, int[] next) {
        if (next == null || text.charAt(sentence[1] - 1) != ':') {
            return false;
        }
        int lineBreak = text.indexOf('\n', sentence[1]);
        return lineBreak >= 0 && lineBreak < next[0];
    }

    /** Sentences that only point elsewhere ("Please refer to the Java FAQ for more information.", "see <url>"). */
    private static final Pattern POINTER = Pattern.compile(
            "^(please\\s+)?(see|refer to)\\b|\\bfor (more|further) (information|details)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * True for a sentence that rarely answers although it shares the question's words: an aside wholly in parentheses,
     * a pointer elsewhere, or a section title written as a sentence ("Conveying Modified Versions.": at most 12
     * words, most of them capitalised). Weighed down like a title line, not dropped.
     */
    static boolean isAside(String sentence) {
        String s = sentence.strip();
        if (s.startsWith("(") && (s.endsWith(")") || s.endsWith(").") || s.endsWith(".)")) || POINTER.matcher(s).find()) {
            return true;
        }
        if (!s.endsWith(".")) {
            return false;
        }
        return titleCase(s.substring(0, s.length() - 1).split("\\s+"), 2);
    }

    /** At most 12 words, at least {@code minLettered} of them starting with a letter, most of those capitalised. */
    private static boolean titleCase(String[] words, int minLettered) {
        long lettered = Arrays.stream(words).filter(w -> !w.isEmpty() && Character.isLetter(w.charAt(0))).count();
        long capitalised = Arrays.stream(words).filter(w -> !w.isEmpty() && Character.isUpperCase(w.charAt(0))).count();
        return words.length <= 12 && lettered >= minLettered && capitalised >= 0.6 * lettered;
    }

    /** Navigation of HTML manuals ("Previous: …, Up: …") and index rows ("| name: |  | section"). */
    private static final Pattern NAVIGATION =
            Pattern.compile("^(Next|Previous|Up): |\\[(Contents|Index)]|^\\|[^|]*:\\s*\\|\\s*\\|");

    /** Every sentence of the passages, located in its document's text. */
    private static List<Candidate> candidates(List<RetrievedPassage> passages) {
        List<Candidate> out = new ArrayList<>();
        for (RetrievedPassage p : passages) {
            Chunk chunk = p.chunk();
            List<int[]> ranges = Sentences.ranges(chunk.text(), 0, chunk.text().length());
            for (int i = 0; i < ranges.size(); i++) {
                int[] r = ranges.get(i);
                if (introducesNextLine(chunk.text(), r, i + 1 < ranges.size() ? ranges.get(i + 1) : null)) {
                    r = new int[] {r[0], ranges.get(++i)[1]}; // the line introduced is not a sentence of its own
                }
                String s = chunk.text().substring(r[0], r[1]);
                if (s.length() >= MIN_SENTENCE_CHARS && canAnswer(s, chunk.headingPath())) {
                    out.add(new Candidate(p, chunk.startOffset() + r[0], chunk.startOffset() + r[1], s,
                            isTitleLine(chunk.text(), r[0], r[1]) || isAside(s) ? TITLE_LINE_FACTOR : 1.0,
                            lead(chunk.text(), r[0])));
                }
            }
        }
        return out;
    }
}
