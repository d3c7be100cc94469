package io.docqa.retrieve.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.fusion.ScoreFusion.Normalisation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {

    private static RankedHit hit(long id, double score) {
        return new RankedHit(id, score);
    }

    private static List<Long> ids(List<Fused> fused) {
        return fused.stream().map(Fused::chunkId).toList();
    }

    @Test
    void a_lexical_runaway_that_is_nearly_the_dense_best_wins_where_rank_fusion_picks_the_runner_up() {
        // BM25: chunk 1 far ahead; vector: 2, 3, 1 within 0.02 of each other. Ranks alone put 2 first (2nd + 1st
        // beats 1st + 3rd); the scores say 1 is the lexical runaway and as close to the question as the others
        List<WeightedRanking> rankings = List.of(
                new WeightedRanking(List.of(hit(1, 30.0), hit(2, 10.0), hit(3, 9.5), hit(4, 9.0)), 1.0),
                new WeightedRanking(List.of(hit(2, 0.90), hit(3, 0.89), hit(1, 0.88), hit(4, 0.50)), 1.0));
        assertEquals(2L, new ReciprocalRankFusion(60).fuse(rankings).get(0).chunkId());
        List<Fused> fused = new ScoreFusion(Normalisation.MIN_MAX).fuse(rankings);
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(fused));
        assertEquals(1.0 + (0.88 - 0.5) / 0.4, fused.get(0).score(), 1e-9);
        assertArrayEquals(new int[] {1, 3}, fused.get(0).ranks());
    }

    @Test
    void a_chunk_missing_from_a_ranking_counts_there_as_its_lowest_candidate() {
        List<Fused> fused = new ScoreFusion(Normalisation.MIN_MAX).fuse(List.of(
                new WeightedRanking(List.of(hit(1, 5.0), hit(2, 1.0)), 1.0),
                new WeightedRanking(List.of(hit(3, 0.8), hit(2, 0.4)), 1.0)));
        assertEquals(List.of(1L, 3L, 2L), ids(fused)); // 1: 1 + 0, 3: 0 + 1, 2: 0 + 0; ties by chunk id
        assertArrayEquals(new int[] {0, 1}, fused.get(1).ranks(), "absent from the first ranking");
    }

    @Test
    void weights_shift_the_balance_and_a_zero_weight_ranking_adds_nothing() {
        List<WeightedRanking> rankings = List.of(
                new WeightedRanking(List.of(hit(1, 5.0), hit(2, 1.0)), 0.3),
                new WeightedRanking(List.of(hit(2, 0.8), hit(1, 0.4)), 0.7));
        assertEquals(List.of(2L, 1L), ids(new ScoreFusion(Normalisation.MIN_MAX).fuse(rankings)));
        List<Fused> vectorOnly = new ScoreFusion(Normalisation.MIN_MAX).fuse(List.of(
                new WeightedRanking(List.of(hit(7, 5.0)), 0.0),
                new WeightedRanking(List.of(hit(2, 0.8), hit(1, 0.4)), 1.0)));
        assertEquals(List.of(2L, 1L), ids(vectorOnly), "chunk 7 was found only by a ranking of weight 0");
    }

    @Test
    void z_scores_and_equal_scores_and_no_input() {
        List<Fused> z = new ScoreFusion(Normalisation.Z_SCORE).fuse(List.of(
                new WeightedRanking(List.of(hit(1, 3.0), hit(2, 1.0)), 1.0)));
        assertEquals(1.0, z.get(0).score(), 1e-9);
        assertEquals(-1.0, z.get(1).score(), 1e-9);
        List<Fused> equal = new ScoreFusion(Normalisation.MIN_MAX).fuse(List.of(
                new WeightedRanking(List.of(hit(4, 2.0), hit(3, 2.0)), 1.0)));
        assertEquals(List.of(3L, 4L), ids(equal));
        assertEquals(1.0, equal.get(0).score(), 1e-12);
        assertEquals(List.of(), new ScoreFusion(Normalisation.MIN_MAX).fuse(List.of(
                new WeightedRanking(List.of(), 1.0), new WeightedRanking(List.of(), 1.0))));
    }
}
