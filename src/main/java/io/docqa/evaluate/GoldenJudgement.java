package io.docqa.evaluate;

import io.docqa.evaluate.EvalQuery.RetrievedItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Golden-QA relevance: a hit is a passage from one of the named documents that contains one of the evidence
 * phrases (compared ignoring case, runs of white space and typographic quotes, since extraction may re-flow lines). Each named
 * document is credited once; further passages of a credited document are skipped, as BEIR skips repeated
 * documents.
 */
public record GoldenJudgement(Set<String> documents, List<String> evidence) implements EvalQuery.Judgement {

    public GoldenJudgement {
        documents = Set.copyOf(documents);
        evidence = evidence.stream().map(GoldenJudgement::normalise).toList();
    }

    @Override
    public List<Integer> gains(List<RetrievedItem> ranked, int depth) {
        Set<String> credited = new HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (RetrievedItem item : ranked) {
            if (out.size() >= depth) {
                break;
            }
            if (credited.contains(item.documentKey())) {
                continue;
            }
            boolean hit = documents.contains(item.documentKey()) && containsEvidence(item.text());
            if (hit) {
                credited.add(item.documentKey());
            }
            out.add(hit ? 1 : 0);
        }
        return out;
    }

    boolean containsEvidence(String text) {
        String t = normalise(text);
        return evidence.stream().anyMatch(t::contains);
    }

    @Override
    public List<Integer> idealGains() {
        return documents.stream().map(d -> 1).toList();
    }

    @Override
    public int relevantCount() {
        return documents.size();
    }

    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201c', '"')
                .replace('\u201d', '"').strip().toLowerCase(Locale.ROOT);
    }
}
