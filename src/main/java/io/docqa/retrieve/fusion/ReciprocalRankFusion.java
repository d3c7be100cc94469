package io.docqa.retrieve.fusion;

import io.docqa.retrieve.RankedHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: score(d) = Σ weight_i / (k + rank_i(d)), rank starting at 1. Ties are broken by
 * chunk id so that results are stable.
 */
public final class ReciprocalRankFusion {

    private final int k;

    public ReciprocalRankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
    }

    /** A ranking to fuse and its weight. */
    public record WeightedRanking(List<RankedHit> hits, double weight) {
    }

    /** A fused result with the 1-based rank it had in each input ranking (0 when absent). */
    public record Fused(long chunkId, double score, int[] ranks) {
    }

    public List<Fused> fuse(List<WeightedRanking> rankings) {
        Map<Long, double[]> scores = new LinkedHashMap<>();
        Map<Long, int[]> ranks = new LinkedHashMap<>();
        for (int r = 0; r < rankings.size(); r++) {
            WeightedRanking ranking = rankings.get(r);
            List<RankedHit> hits = ranking.hits();
            for (int i = 0; i < hits.size(); i++) {
                long id = hits.get(i).chunkId();
                int[] rankOf = ranks.computeIfAbsent(id, x -> new int[rankings.size()]);
                if (rankOf[r] != 0) {
                    continue; // a chunk counts once per ranking, at its best rank
                }
                rankOf[r] = i + 1;
                scores.computeIfAbsent(id, x -> new double[1])[0] += ranking.weight() / (k + i + 1);
            }
        }
        List<Fused> out = new ArrayList<>(scores.size());
        scores.forEach((id, s) -> out.add(new Fused(id, s[0], ranks.get(id))));
        out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::chunkId));
        return out;
    }
}
