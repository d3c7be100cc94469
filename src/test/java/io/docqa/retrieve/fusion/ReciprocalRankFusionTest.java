package io.docqa.retrieve.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    private static List<RankedHit> ranking(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> new RankedHit(id, 1.0)).toList();
    }

    @Test
    void a_chunk_found_by_both_retrievers_beats_one_found_by_only_one() {
        List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(
                new WeightedRanking(ranking(1, 2, 3), 1.0),
                new WeightedRanking(ranking(4, 3, 5), 1.0)));
        assertEquals(3L, fused.get(0).chunkId());
        assertEquals(1.0 / 63 + 1.0 / 62, fused.get(0).score(), 1e-12);
        assertArrayEquals(new int[] {3, 2}, fused.get(0).ranks());
    }

    @Test
    void ties_are_broken_by_chunk_id_so_results_are_stable() {
        List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(
                new WeightedRanking(ranking(9), 1.0), new WeightedRanking(ranking(2), 1.0)));
        assertEquals(List.of(2L, 9L), fused.stream().map(Fused::chunkId).toList());
    }

    @Test
    void weights_shift_the_balance_between_retrievers() {
        List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(
                new WeightedRanking(ranking(1), 1.0), new WeightedRanking(ranking(2), 3.0)));
        assertEquals(2L, fused.get(0).chunkId());
        assertArrayEquals(new int[] {0, 1}, fused.get(0).ranks(), "absent from the first ranking");
    }

    @Test
    void a_duplicate_in_one_ranking_counts_once_at_its_best_rank() {
        List<Fused> fused = new ReciprocalRankFusion(60).fuse(List.of(new WeightedRanking(ranking(7, 7, 8), 1.0)));
        assertEquals(1.0 / 61, fused.get(0).score(), 1e-12);
    }

    @Test
    void no_input_gives_no_output() {
        assertEquals(List.of(), new ReciprocalRankFusion(60).fuse(List.of(
                new WeightedRanking(List.of(), 1.0), new WeightedRanking(List.of(), 1.0))));
    }
}
