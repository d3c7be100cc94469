package io.docqa.answer;

import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.text.SectionNumbers;
import io.docqa.answer.text.Terms;
import io.docqa.retrieve.core.RetrievedPassage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether retrieved passages can answer a question at all: a passage counts when it is close in
 * meaning (cosine similarity), shares most of the question's content words, or holds what the question points at
 * exactly (a section number, an option name, an identifier). Retrieval always returns something; this is what lets
 * DocQA say "not found" instead of guessing.
 */
@ApplicationScoped
public class RelevanceGate {

    private final AnswerConfig config;

    public RelevanceGate(AnswerConfig config) {
        this.config = config;
    }

    /** The passages that count as relevant, in their retrieved order. */
    public List<RetrievedPassage> relevant(String question, List<RetrievedPassage> passages) {
        Set<String> wanted = Terms.of(question);
        List<Pattern> pointers = pointers(question);
        return passages.stream().filter(p -> isRelevant(wanted, pointers, p)).toList();
    }

    private boolean isRelevant(Set<String> wanted, List<Pattern> pointers, RetrievedPassage p) {
        boolean similar = !Double.isNaN(p.similarity()) && p.similarity() >= config.minSimilarity();
        String heading = p.chunk().headingPath() == null ? "" : p.chunk().headingPath() + " ";
        String text = heading + p.chunk().text();
        boolean wordy = Terms.coverage(wanted, Terms.of(text)) >= config.minTermCoverage();
        return similar || wordy || pointers.stream().anyMatch(x -> x.matcher(text).find());
    }

    /**
     * What the question points at exactly, as patterns a passage that holds it matches: section numbers ("question
     * 7.10" → 7.10 as a whole number), option names in code ({@code shopt -s extglob} → extglob) and identifiers
     * with '_' or inner capitals. A passage holding one is about what was asked even when it shares few other words.
     */
    static List<Pattern> pointers(String question) {
        List<Pattern> out = new java.util.ArrayList<>(SectionNumbers.sectionPatterns(question));
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
