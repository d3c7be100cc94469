package io.docqa.retrieve;

import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.Retriever;
import io.docqa.retrieve.vector.VectorRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one chosen retriever configuration: BM25 alone, vector alone, or the hybrid. Single retrievers give
 * passages with their own score and rank, so that the evaluation harness and the search API compare them on
 * equal terms with the fused ranking; only the hybrid reports stage timings. The hybrid is the {@link Retriever} bean:
 * the {@link HybridRetriever} with the language model's re-ranking and query rewriting when they are turned on.
 */
@ApplicationScoped
public class SelectableRetriever {

    private final Bm25Retriever bm25;
    private final VectorRetriever vector;
    private final Retriever hybrid;
    private final ChunkRepository chunks;

    public SelectableRetriever(Bm25Retriever bm25, VectorRetriever vector, Retriever hybrid, ChunkRepository chunks) {
        this.bm25 = bm25;
        this.vector = vector;
        this.hybrid = hybrid;
        this.chunks = chunks;
    }

    public Retrieval retrieve(RetrieverKind kind, AccessScope scope, RetrievalQuery query) {
        return switch (kind) {
            case BM25 -> Retrieval.of(load(bm25.rank(scope, query, query.limit()), true));
            case VECTOR -> Retrieval.of(load(vector.rank(scope, query, query.limit()), false));
            case HYBRID -> hybrid.retrieve(scope, query);
        };
    }

    private List<RetrievedPassage> load(List<RankedHit> hits, boolean lexical) {
        Map<Long, ChunkWithSource> loaded = chunks.findWithSource(hits.stream().map(RankedHit::chunkId).toList());
        List<RetrievedPassage> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            RankedHit h = hits.get(i);
            ChunkWithSource c = loaded.get(h.chunkId());
            if (c != null) { // deleted since the search ran
                out.add(new RetrievedPassage(c.chunk(), c.documentName(), h.score(), lexical ? i + 1 : 0,
                        lexical ? 0 : i + 1, lexical ? Double.NaN : h.score()));
            }
        }
        return out;
    }
}
