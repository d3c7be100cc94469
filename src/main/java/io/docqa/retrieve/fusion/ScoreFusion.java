package io.docqa.retrieve.fusion;

import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convex combination of normalised scores: score(d) = Σ weight_i(d) · norm_i(score_i(d)), where each ranking's scores
 * are normalised over that ranking's candidates (min–max to [0, 1], or z-score), and a chunk absent from a ranking
 * counts there as its lowest candidate. Unlike {@link ReciprocalRankFusion} it keeps how far apart the scores are, not
 * only their order. Ties are broken by chunk id.
 */
public final class ScoreFusion {

    /** How one ranking's scores are made comparable with another's. */
    public enum Normalisation {
        /** (s − min) / (max − min) over the ranking's candidates; all equal → 1. */
        MIN_MAX,
        /** (s − mean) / standard deviation over the ranking's candidates; all equal → 0. */
        Z_SCORE
    }

    private final Normalisation normalisation;

    public ScoreFusion(Normalisation normalisation) {
        this.normalisation = normalisation;
    }

    public List<Fused> fuse(List<WeightedRanking> rankings) {
        Map<Long, double[]> scores = new LinkedHashMap<>();
        Map<Long, int[]> ranks = new LinkedHashMap<>();
        double[] floor = new double[rankings.size()];
        List<Map<Long, Double>> normalised = new ArrayList<>(rankings.size());
        for (int r = 0; r < rankings.size(); r++) {
            List<RankedHit> hits = rankings.get(r).hits();
            double[] stats = stats(hits);
            floor[r] = normalise(stats[0], stats);
            Map<Long, Double> own = new LinkedHashMap<>();
            for (int i = 0; i < hits.size(); i++) {
                long id = hits.get(i).chunkId();
                int[] rankOf = ranks.computeIfAbsent(id, x -> new int[rankings.size()]);
                if (rankOf[r] == 0) { // a chunk counts once per ranking, at its best rank
                    rankOf[r] = i + 1;
                    own.put(id, normalise(hits.get(i).score(), stats));
                }
            }
            normalised.add(own);
        }
        for (var entry : ranks.entrySet()) {
            long id = entry.getKey();
            double sum = 0;
            boolean found = false; // by a ranking of weight above 0; else left out, as if those rankings had not run
            for (int r = 0; r < rankings.size(); r++) {
                double weight = rankings.get(r).weightOf().applyAsDouble(id);
                if (weight != 0) {
                    sum += weight * normalised.get(r).getOrDefault(id, floor[r]);
                    found |= entry.getValue()[r] != 0;
                }
            }
            if (found) {
                scores.put(id, new double[] {sum});
            }
        }
        List<Fused> out = new ArrayList<>(scores.size());
        scores.forEach((id, s) -> out.add(new Fused(id, s[0], ranks.get(id))));
        out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::chunkId));
        return out;
    }

    /** min, max, mean, standard deviation of the ranking's scores (zeros for an empty ranking). */
    private static double[] stats(List<RankedHit> hits) {
        if (hits.isEmpty()) {
            return new double[4];
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (RankedHit h : hits) {
            min = Math.min(min, h.score());
            max = Math.max(max, h.score());
            sum += h.score();
        }
        double mean = sum / hits.size();
        double var = 0;
        for (RankedHit h : hits) {
            var += (h.score() - mean) * (h.score() - mean);
        }
        return new double[] {min, max, mean, Math.sqrt(var / hits.size())};
    }

    private double normalise(double score, double[] stats) {
        return switch (normalisation) {
            case MIN_MAX -> stats[1] > stats[0] ? (score - stats[0]) / (stats[1] - stats[0]) : 1.0;
            case Z_SCORE -> stats[3] > 0 ? (score - stats[2]) / stats[3] : 0.0;
        };
    }
}
