package io.docqa.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.evaluate.EvalQuery.RetrievedItem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Metric definitions checked against values worked out by hand (trec_eval conventions). */
class MetricsTest {

    private static final double EPS = 1e-9;

    @Test
    void ndcg_discounts_a_relevant_document_by_the_log_of_its_rank() {
        // one relevant document at rank 3: DCG = 1/log2(4) = 0.5, ideal DCG = 1
        assertEquals(0.5, Metrics.ndcgAt(10, List.of(0, 0, 1), List.of(1)), EPS);
        // two relevant at ranks 1 and 3 of two: (1 + 0.5) / (1 + 1/log2(3))
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertEquals(1.5 / ideal, Metrics.ndcgAt(10, List.of(1, 0, 1), List.of(1, 1)), EPS);
        // beyond the cut-off nothing counts
        assertEquals(0, Metrics.ndcgAt(2, List.of(0, 0, 1), List.of(1)), EPS);
    }

    @Test
    void recall_counts_relevant_items_within_k_over_all_relevant_items() {
        assertEquals(0.5, Metrics.recallAt(5, List.of(0, 1, 0, 0, 0, 1), 2), EPS);
        assertEquals(1.0, Metrics.recallAt(10, List.of(0, 1, 0, 0, 0, 1), 2), EPS);
        assertEquals(0, Metrics.recallAt(10, List.of(1), 0), EPS);
    }

    @Test
    void mrr_is_the_reciprocal_rank_of_the_first_hit_within_k() {
        assertEquals(0.25, Metrics.mrrAt(10, List.of(0, 0, 0, 1, 1)), EPS);
        assertEquals(0, Metrics.mrrAt(3, List.of(0, 0, 0, 1)), EPS);
    }

    @Test
    void percentiles_use_the_nearest_rank() {
        List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0);
        assertEquals(5.0, Metrics.percentile(values, 50), EPS);
        assertEquals(10.0, Metrics.percentile(values, 95), EPS);
        assertEquals(0, Metrics.percentile(List.of(), 95), EPS);
    }

    @Test
    void beir_judgement_counts_a_document_once_at_its_best_chunk() {
        BeirJudgement j = new BeirJudgement(Map.of("d1", 1, "d2", 2));
        List<Integer> gains = j.gains(List.of(new RetrievedItem("d3", "x"), new RetrievedItem("d3", "y"),
                new RetrievedItem("d2", "z"), new RetrievedItem("d2", "w"), new RetrievedItem("d1", "v")), 100);
        assertEquals(List.of(0, 2, 1), gains, "repeated chunks of d3 and d2 are dropped");
        assertEquals(List.of(2, 1), j.idealGains());
        assertEquals(2, j.relevantCount());
    }

    @Test
    void golden_hit_needs_a_named_document_and_an_evidence_phrase_across_line_breaks() {
        GoldenJudgement j = new GoldenJudgement(Set.of("contract.pdf"), List.of("ninety (90) days  prior notice"));
        List<Integer> gains = j.gains(List.of(
                new RetrievedItem("other.pdf", "ninety (90) days prior notice"), // right phrase, wrong document
                new RetrievedItem("contract.pdf", "payment within 45 days"), // right document, no phrase
                new RetrievedItem("contract.pdf", "terminate on Ninety (90)\ndays prior notice to"), // hit
                new RetrievedItem("contract.pdf", "ninety (90) days prior notice again")), 100); // already credited
        assertEquals(List.of(0, 0, 1), gains);
        assertEquals(1.0 / 3, Metrics.mrrAt(10, gains), EPS);
    }
}
