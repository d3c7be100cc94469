package io.docqa.retrieve.fusion;

import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Keeps one long document from filling a whole result list: walking the fused ranking best first, the n-th
 * further chunk of a document already seen has its score multiplied by {@code decay}^n, then the list is sorted
 * again. A document's own chunks keep their order; a chunk of another document overtakes them only when its
 * score is close. A decay of 1 changes nothing.
 */
public final class DocumentDiversity {

    private final double decay;

    public DocumentDiversity(double decay) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("The diversity decay must be in (0, 1], not " + decay);
        }
        this.decay = decay;
    }

    /**
     * The ranking re-scored and re-sorted (ties by chunk id). {@code documentOf} gives a chunk's document, or null
     * when unknown: such a chunk counts as a document of its own.
     */
    public List<Fused> rerank(List<Fused> ranking, LongFunction<Long> documentOf) {
        if (decay == 1.0) {
            return ranking;
        }
        List<Fused> sorted = new ArrayList<>(ranking);
        sorted.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::chunkId));
        Map<Long, Integer> seen = new HashMap<>();
        List<Fused> out = new ArrayList<>(sorted.size());
        for (Fused f : sorted) {
            Long document = documentOf.apply(f.chunkId());
            int earlier = document == null ? 0 : seen.merge(document, 1, Integer::sum) - 1;
            out.add(new Fused(f.chunkId(), f.score() * Math.pow(decay, earlier), f.ranks()));
        }
        out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingLong(Fused::chunkId));
        return out;
    }
}
