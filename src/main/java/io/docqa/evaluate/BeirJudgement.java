package io.docqa.evaluate;

import io.docqa.evaluate.EvalQuery.RetrievedItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** BEIR relevance: graded judgements per document; a document counts once, at its best chunk's rank. */
public record BeirJudgement(Map<String, Integer> grades) implements EvalQuery.Judgement {

    public BeirJudgement {
        grades = Map.copyOf(grades);
    }

    @Override
    public List<Integer> gains(List<RetrievedItem> ranked, int depth) {
        Set<String> seen = new HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (RetrievedItem item : ranked) {
            if (out.size() >= depth) {
                break;
            }
            if (seen.add(item.documentKey())) {
                out.add(Math.max(0, grades.getOrDefault(item.documentKey(), 0)));
            }
        }
        return out;
    }

    @Override
    public List<Integer> idealGains() {
        return grades.values().stream().filter(g -> g > 0).sorted(Comparator.reverseOrder()).toList();
    }

    @Override
    public int relevantCount() {
        return (int) grades.values().stream().filter(g -> g > 0).count();
    }
}
