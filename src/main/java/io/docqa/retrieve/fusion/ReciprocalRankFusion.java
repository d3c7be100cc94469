package io.docqa.retrieve.fusion;

import io.docqa.retrieve.core.RankedHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * Reciprocal rank fusion: score(d) = Σ weight_i(d) / (k + rank_i(d)), rank starting at 1, where the weight may
 * depend on the hit (its collection's weights). Ties are broken by chunk id so that results are stable.
 */
public final class ReciprocalRankFusion {

    private final int k;

    public ReciprocalRankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
    }

    /**
     * A ranking to fuse and the weight of each of its hits, by chunk id: the same for all hits, or for example the
     * weight the hit's collection gives this ranking.
     */
    public record WeightedRanking(List<RankedHit> hits, LongToDoubleFunction weightOf) {
        /** A ranking whose hits all have the same weight. */
        public WeightedRanking(List<RankedHit> hits, double weight) {
            this(hits, id -> weight);
        }
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
                scores.computeIfAbsent(id, x -> new double[1])[0] += ranking.weightOf().applyAsDouble(id) / (k + i + 1);
            }
        }
        List<Fused> out = new ArrayList<>(scores.size());
        scores.forEach((id, s) -> {
            if (s[0] > 0) { // found only by rankings of weight 0: left out, as if those rankings had not run
                out.add(new Fused(id, s[0], ranks.get(id)));
            }
        });
        out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::chunkId));
        return out;
    }
}
