package io.docqa.evaluate;

import java.util.List;

/**
 * Standard IR metrics over one query's gains in rank order (trec_eval / BEIR definitions: linear gain,
 * log2 discount; recall counts relevant items found among the first k over all relevant items).
 */
public final class Metrics {

    private Metrics() {
    }

    public static double ndcgAt(int k, List<Integer> gains, List<Integer> idealGains) {
        double ideal = dcg(k, idealGains);
        return ideal == 0 ? 0 : dcg(k, gains) / ideal;
    }

    static double dcg(int k, List<Integer> gains) {
        double sum = 0;
        for (int i = 0; i < Math.min(k, gains.size()); i++) {
            sum += gains.get(i) / (Math.log(i + 2) / Math.log(2));
        }
        return sum;
    }

    public static double recallAt(int k, List<Integer> gains, int relevantCount) {
        if (relevantCount == 0) {
            return 0;
        }
        long found = gains.stream().limit(k).filter(g -> g > 0).count();
        return Math.min(1.0, (double) found / relevantCount);
    }

    public static double mrrAt(int k, List<Integer> gains) {
        for (int i = 0; i < Math.min(k, gains.size()); i++) {
            if (gains.get(i) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** The p-th percentile (0–100) by the nearest-rank method; 0 for no values. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
