package io.docqa.answer;

import io.docqa.retrieve.RetrievedPassage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Decides whether retrieved passages can answer a question at all: a passage counts when it is close in
 * meaning (cosine similarity) or shares most of the question's content words. Retrieval always returns
 * something; this is what lets DocQA say "not found" instead of guessing.
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
        return passages.stream().filter(p -> isRelevant(wanted, p)).toList();
    }

    private boolean isRelevant(Set<String> wanted, RetrievedPassage p) {
        boolean similar = !Double.isNaN(p.similarity()) && p.similarity() >= config.minSimilarity();
        String heading = p.chunk().headingPath() == null ? "" : p.chunk().headingPath() + " ";
        boolean wordy = Terms.coverage(wanted, Terms.of(heading + p.chunk().text())) >= config.minTermCoverage();
        return similar || wordy;
    }
}
