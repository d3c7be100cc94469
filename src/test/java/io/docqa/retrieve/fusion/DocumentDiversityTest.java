package io.docqa.retrieve.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentDiversityTest {

    /** Chunks 1..4 belong to document 100, chunk 5 to document 200. */
    private static final Map<Long, Long> DOCUMENT = Map.of(1L, 100L, 2L, 100L, 3L, 100L, 4L, 100L, 5L, 200L);

    private static Fused fused(long chunkId, double score) {
        return new Fused(chunkId, score, new int[] {1, 0});
    }

    private static List<Long> ids(List<Fused> ranking) {
        return ranking.stream().map(Fused::chunkId).toList();
    }

    @Test
    void further_chunks_of_one_document_make_room_for_a_close_chunk_of_another() {
        List<Fused> ranking = List.of(fused(1, 1.0), fused(2, 0.95), fused(3, 0.9), fused(4, 0.85), fused(5, 0.8));
        List<Fused> out = new DocumentDiversity(0.8).rerank(ranking, DOCUMENT::get);
        // 1: 1.0, 2: 0.95*0.8 = 0.76, 3: 0.9*0.64 = 0.576, 4: 0.85*0.512 = 0.435, 5: 0.8 (first of its document)
        assertEquals(List.of(1L, 5L, 2L, 3L, 4L), ids(out));
        assertEquals(0.76, out.get(2).score(), 1e-9);
        assertEquals(0.8, out.get(1).score(), 1e-9, "the first chunk of a document keeps its score");
    }

    @Test
    void a_document_that_deserves_the_top_places_keeps_them() {
        List<Fused> ranking = List.of(fused(1, 1.0), fused(2, 0.99), fused(5, 0.2));
        assertEquals(List.of(1L, 2L, 5L), ids(new DocumentDiversity(0.8).rerank(ranking, DOCUMENT::get)));
    }

    @Test
    void a_document_keeps_the_order_of_its_own_chunks() {
        List<Fused> ranking = List.of(fused(3, 0.9), fused(1, 0.8), fused(2, 0.7), fused(4, 0.6));
        assertEquals(List.of(3L, 1L, 2L, 4L), ids(new DocumentDiversity(0.5).rerank(ranking, DOCUMENT::get)));
    }

    @Test
    void a_decay_of_one_changes_nothing_and_unknown_chunks_count_as_their_own_document() {
        List<Fused> ranking = List.of(fused(1, 1.0), fused(2, 0.95), fused(5, 0.8));
        assertSame(ranking, new DocumentDiversity(1.0).rerank(ranking, DOCUMENT::get));
        List<Fused> unknown = List.of(fused(7, 1.0), fused(8, 0.9));
        assertEquals(List.of(1.0, 0.9), new DocumentDiversity(0.5).rerank(unknown, id -> null).stream()
                .map(Fused::score).toList());
    }

    @Test
    void decays_outside_zero_to_one_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new DocumentDiversity(0));
        assertThrows(IllegalArgumentException.class, () -> new DocumentDiversity(1.5));
        assertThrows(IllegalArgumentException.class, () -> new DocumentDiversity(Double.NaN));
    }

    @Test
    void fusion_weighs_each_hit_by_its_own_weight_and_drops_hits_only_a_zero_weight_found() {
        // chunk 1 and 2 in a collection that ignores BM25 (weight 0), chunk 3 elsewhere
        Map<Long, Double> bm25Weight = Map.of(1L, 0.0, 2L, 0.0, 3L, 1.0);
        List<RankedHit> lexical = List.of(new RankedHit(1, 9), new RankedHit(3, 8), new RankedHit(4, 7));
        List<RankedHit> dense = List.of(new RankedHit(2, 0.9), new RankedHit(1, 0.8));
        List<Fused> out = new ReciprocalRankFusion(60).fuse(List.of(
                new WeightedRanking(lexical, id -> bm25Weight.getOrDefault(id, 0.0)),
                new WeightedRanking(dense, 1.0)));
        assertEquals(List.of(2L, 1L, 3L), ids(out), "chunk 4 was found only with weight 0");
        assertEquals(1.0 / 62, out.get(1).score(), 1e-12, "chunk 1 scores only its vector rank");
        assertEquals(1, out.get(1).ranks()[0], "its BM25 rank is still reported");
    }
}
