package io.docqa.retrieve;

import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.vector.VectorRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** BM25 and vector rankings fused by reciprocal rank fusion, then loaded from PostgreSQL. */
@ApplicationScoped
public class HybridRetriever implements Retriever {

    private final Bm25Retriever bm25;
    private final VectorRetriever vector;
    private final ChunkRepository chunks;
    private final RetrieveConfig config;

    public HybridRetriever(Bm25Retriever bm25, VectorRetriever vector, ChunkRepository chunks, RetrieveConfig config) {
        this.bm25 = bm25;
        this.vector = vector;
        this.chunks = chunks;
        this.config = config;
    }

    @Override
    public List<RetrievedPassage> retrieve(RetrievalQuery query) {
        int depth = Math.max(config.depth(), query.limit());
        List<RankedHit> lexical = bm25.rank(query, depth);
        List<RankedHit> dense = vector.rank(query, depth);
        List<Fused> fused = new ReciprocalRankFusion(config.rrfK()).fuse(List.of(
                new WeightedRanking(lexical, config.bm25Weight()),
                new WeightedRanking(dense, config.vectorWeight())));
        List<Fused> top = fused.subList(0, Math.min(fused.size(), query.limit()));
        Map<Long, Double> similarity = new HashMap<>();
        dense.forEach(h -> similarity.put(h.chunkId(), h.score()));
        Map<Long, ChunkWithSource> loaded = chunks.findWithSource(top.stream().map(Fused::chunkId).toList());
        List<RetrievedPassage> out = new ArrayList<>(top.size());
        for (Fused f : top) {
            ChunkWithSource c = loaded.get(f.chunkId());
            if (c != null) { // a chunk deleted since the search ran is skipped
                out.add(new RetrievedPassage(c.chunk(), c.documentName(), f.score(), f.ranks()[0], f.ranks()[1],
                        similarity.getOrDefault(f.chunkId(), Double.NaN)));
            }
        }
        return out;
    }
}
