package io.docqa.answer;

import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.text.SectionNumbers;
import io.docqa.answer.text.Terms;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.bm25.Bm25Retriever.TermCounts;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.docqa.retrieve.named.NamedDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether retrieved passages can answer a question at all. Retrieval always returns something; this is what
 * lets DocQA say "not found" instead of guessing. A passage counts when it holds what the question points at exactly
 * (a section number, an option name, an identifier), or shares most of the question's content words, or is close in
 * meaning (cosine similarity) <em>and</em> holds enough of the question's key terms: each content word weighted by
 * how rare it is among the passages of the collections searched ({@link #keyCoverage}). The key terms are what
 * separates a near miss from an answer: "an annual enterprise support subscription" reads like a licence, but a
 * licence that never says "subscription" does not answer it. The key terms leave out the words that name the
 * documents asked about ("under the Acme MSA v1": the passage need not repeat its document's name) and the question
 * words ("how", "which"). When a fifth or more of the key-term weight lies in words that occur nowhere in the scope
 * ("snap" in "How do I install a snap package?", "fish" in "the fish shell") the question may be about something
 * the collections do not cover: the words it shares with a passage are then no evidence on their own, and a passage
 * counts only on what the question points at or at a higher cosine similarity ({@link #absentShare}), or when the
 * dense ranking's first passage is also among BM25's first few (both read the question as about it); not in a scope
 * of a few documents, where ordinary words ("long", "say") are missing by chance. Rarity is
 * counted within the caller's scope only, so nothing is learnt about collections the caller cannot read.
 */
@ApplicationScoped
public class RelevanceGate {

    /** Question words, analysed: they ask, they do not say what about. */
    static final Set<String> QUESTION_WORDS = Terms.of("what which how why when where who whom whose do does did i me my");

    private final AnswerConfig config;
    private final Bm25Retriever bm25;
    private final NamedDocuments named;

    public RelevanceGate(AnswerConfig config, Bm25Retriever bm25, NamedDocuments named) {
        this.config = config;
        this.bm25 = bm25;
        this.named = named;
    }

    /**
     * What the gate read from one passage; {@code agreed} when the dense ranking put it first and BM25 within
     * {@link AnswerConfig#absentTermAgreementRank()} places.
     */
    public record PassageSignals(double similarity, double coverage, double keyCoverage, boolean pointer,
            boolean agreed) {
    }

    /**
     * The verdict on a question: the passages that count, in their retrieved order, the signals of each passage, and
     * the share of the question's key-term weight absent from the scope ({@link #absentShare}).
     */
    public record Verdict(List<RetrievedPassage> relevant, List<PassageSignals> signals, double absentShare) {
        public boolean notFound() {
            return relevant.isEmpty();
        }
    }

    /** The passages that count as relevant (with key terms weighted by their rarity within {@code scope}). */
    public Verdict judge(String question, AccessScope scope, List<RetrievedPassage> passages) {
        Set<String> wanted = Terms.of(question);
        Set<String> key = keyTerms(question, named.find(scope, question));
        Set<String> looked = new LinkedHashSet<>(wanted);
        looked.addAll(key);
        TermCounts counts = bm25.termCounts(scope, looked);
        double absentShare = absentShare(key, counts);
        boolean uncovered = counts.passages() >= config.absentTermMinPassages() && absentShare >= config.absentTermShare();
        Thresholds thresholds = Thresholds.of(config);
        List<Pattern> pointers = pointers(question);
        List<RetrievedPassage> relevant = new ArrayList<>();
        List<PassageSignals> signals = new ArrayList<>();
        for (RetrievedPassage p : passages) {
            String text = textOf(p);
            Set<String> present = Terms.of(text);
            PassageSignals s = new PassageSignals(p.similarity(), Terms.coverage(wanted, present),
                    keyCoverage(key, present, counts), pointers.stream().anyMatch(x -> x.matcher(text).find()),
                    agreed(p, config.absentTermAgreementRank()));
            signals.add(s);
            if (counts(s, uncovered, thresholds)) {
                relevant.add(p);
            }
        }
        return new Verdict(List.copyOf(relevant), List.copyOf(signals), absentShare);
    }

    /**
     * The passages that count on their own, without the collection's term statistics (review cells, which ask one
     * fixed question of every document): close in meaning, most content words, or what the question points at.
     */
    public List<RetrievedPassage> relevant(String question, List<RetrievedPassage> passages) {
        Set<String> wanted = Terms.of(question);
        List<Pattern> pointers = pointers(question);
        return passages.stream().filter(p -> {
            String text = textOf(p);
            boolean similar = !Double.isNaN(p.similarity()) && p.similarity() >= config.minSimilarity();
            return similar || Terms.coverage(wanted, Terms.of(text)) >= config.minTermCoverage()
                    || pointers.stream().anyMatch(x -> x.matcher(text).find());
        }).toList();
    }

    /** The thresholds a passage is judged by (the settings of {@link AnswerConfig}; calibration tries others). */
    public record Thresholds(double minSimilarity, double minSimilarityWithAbsentTerms, double minTermCoverage,
            double minKeyTermCoverage) {
        static Thresholds of(AnswerConfig config) {
            return new Thresholds(config.minSimilarity(), config.minSimilarityWithAbsentTerms(), config.minTermCoverage(),
                    config.minKeyTermCoverage());
        }
    }

    boolean counts(PassageSignals s, boolean uncovered) {
        return counts(s, uncovered, Thresholds.of(config));
    }

    /**
     * Whether one passage counts; {@code uncovered} when enough of the question's key terms occur nowhere in the
     * scope ({@link #absentShare}): then shared words alone do not count and meaning must be closer, unless both
     * rankings agree on the passage ({@link PassageSignals#agreed()}).
     */
    public static boolean counts(PassageSignals s, boolean uncovered, Thresholds t) {
        if (s.pointer() || !uncovered && s.coverage() >= t.minTermCoverage()) {
            return true;
        }
        double sim = Double.isNaN(s.similarity()) ? 0 : s.similarity();
        double floor = uncovered && !s.agreed() ? t.minSimilarityWithAbsentTerms() : t.minSimilarity();
        return sim >= floor && s.keyCoverage() >= t.minKeyTermCoverage();
    }

    /**
     * Whether the dense ranking put the passage first and BM25 within {@code bm25Rank} places (0: never): the words
     * and the meaning of the question point at the same passage.
     */
    static boolean agreed(RetrievedPassage p, int bm25Rank) {
        return p.vectorRank() == 1 && p.bm25Rank() >= 1 && p.bm25Rank() <= bm25Rank;
    }

    /**
     * Share of the key terms' weight (inverse document frequency in the scope) carried by terms that occur in no
     * passage of the scope; 0 when there is no key term. Such a term has the highest weight a term can have, so one
     * absent word among few ("snap package") weighs more than one among many (a long paraphrase).
     */
    public static double absentShare(Set<String> key, TermCounts counts) {
        double total = 0;
        double absent = 0;
        for (String t : key) {
            double w = counts.idf(t);
            total += w;
            if (counts.docFreq().getOrDefault(t, 0L) == 0) {
                absent += w;
            }
        }
        return total == 0 ? 0 : absent / total;
    }

    /**
     * The question's key terms: its content words without those that named its documents ({@code mentioned}, as
     * {@link NamedDocuments} found them) and without question words. Empty when nothing else is left, which
     * {@link #keyCoverage} reads as no evidence either way.
     */
    static Set<String> keyTerms(String question, Named mentioned) {
        String rest = mentioned.any() && mentioned.rest() != null ? mentioned.rest() : question;
        Set<String> key = new LinkedHashSet<>(Terms.of(rest));
        key.removeAll(QUESTION_WORDS);
        return key;
    }

    /**
     * Share of the question's content-word weight the passage holds, each word weighted by its inverse document
     * frequency among the scope's passages (as BM25 weighs it): 1 when the passage has every word, near the plain
     * share when all words are equally common, low when it lacks the rare words that make the question specific.
     */
    static double keyCoverage(Set<String> wanted, Set<String> present, TermCounts counts) {
        double total = 0;
        double found = 0;
        for (String t : wanted) {
            double w = counts.idf(t);
            total += w;
            if (present.contains(t)) {
                found += w;
            }
        }
        return total == 0 ? 1 : found / total; // no key term left: nothing a passage could lack
    }

    private static String textOf(RetrievedPassage p) {
        String heading = p.chunk().headingPath() == null ? "" : p.chunk().headingPath() + " ";
        return heading + p.chunk().text();
    }

    /**
     * What the question points at exactly, as patterns a passage that holds it matches: section numbers ("question
     * 7.10" → 7.10 as a whole number), option names in code ({@code shopt -s extglob} → extglob) and identifiers
     * with '_' or inner capitals. A passage holding one is about what was asked even when it shares few other words.
     */
    public static List<Pattern> pointers(String question) {
        List<Pattern> out = new ArrayList<>(SectionNumbers.sectionPatterns(question));
        for (MissingTargets.Target t : MissingTargets.names(question)) {
            String w = t.words();
            boolean exact = t.fromCode() || w.contains("_") || w.chars().skip(1).anyMatch(Character::isUpperCase);
            if (exact && t.number() == null && !w.contains(" ")) {
                out.add(Pattern.compile("(?<![\\w-])" + Pattern.quote(w) + "(?![\\w-])"));
            }
        }
        return out;
    }
}
