package io.docqa.retrieve;

import io.docqa.corpus.ChunkOwners;
import io.docqa.corpus.ChunkOwners.Owner;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection.Weights;
import io.docqa.embedding.Embedder;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.SearchMetrics;
import io.docqa.retrieve.core.Retriever;
import io.docqa.retrieve.core.StageTimings;
import io.docqa.retrieve.fusion.DocumentDiversity;
import io.docqa.retrieve.fusion.NavigationText;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.fusion.ScoreFusion;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.docqa.retrieve.named.NamedDocuments;
import io.docqa.retrieve.vector.VectorRetriever;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * BM25 and vector rankings fused (reciprocal rank fusion by default, or {@link ScoreFusion} of min–max scaled scores
 * by {@code docqa.retrieve.fusion}), each hit weighted by its collection's fusion weights,
 * then spread over documents ({@link DocumentDiversity}) and loaded from PostgreSQL. With
 * {@code docqa.retrieve.parallel-stages} the query embedding and vector search run on a virtual thread while BM25
 * runs on the caller's; the result carries the time of each stage (for the search response). Documents the question names
 * are searched first ({@link NamedDocuments}).
 */
@ApplicationScoped
@Typed(HybridRetriever.class) // the Retriever bean is retrieve.llm.LlmAssistedRetriever, which wraps this one
public class HybridRetriever implements Retriever {

    private final Bm25Retriever bm25;
    private final VectorRetriever vector;
    private final Embedder embedder;
    private final ChunkRepository chunks;
    private final ChunkOwners owners;
    private final CollectionRepository weights;
    private final RetrieveConfig config;
    private final NamedDocuments named;
    private final SearchMetrics metrics;
    private final ExecutorService dense = Executors.newVirtualThreadPerTaskExecutor();

    public HybridRetriever(Bm25Retriever bm25, VectorRetriever vector, Embedder embedder, ChunkRepository chunks,
            ChunkOwners owners, CollectionRepository weights, RetrieveConfig config, NamedDocuments named,
            SearchMetrics metrics) {
        this.metrics = metrics;
        this.named = named;
        this.bm25 = bm25;
        this.vector = vector;
        this.embedder = embedder;
        this.chunks = chunks;
        this.owners = owners;
        this.weights = weights;
        this.config = config;
    }

    private record Dense(List<RankedHit> hits, long embedNanos, long searchNanos) {
    }

    /**
     * When the question names documents of the searched collections ("under GPLv3", "in the Acme MSA"), their
     * passages come first (BM25 searching the question without the words that name them), followed by the rest of the
     * ranking without the other versions of the named documents; otherwise the fused ranking as it is. The timings
     * are those of the last fused ranking.
     */
    @Override
    public Retrieval retrieve(AccessScope scope, RetrievalQuery query) {
        Named mentioned = named.find(scope, query.text());
        if (!mentioned.any()) {
            return fused(scope, query);
        }
        List<Long> ids = mentioned.documentIds().stream()
                .filter(id -> !query.restrictsDocuments() || query.documentIds().contains(id)).sorted().toList();
        if (ids.isEmpty()) {
            return fused(scope, query);
        }
        // inside the named documents their name is noise to BM25: it looks for the rest of the question (the dense
        // side keeps the whole question, whose similarity the relevance gate judges)
        String inside = mentioned.rest() == null || mentioned.rest().chars().filter(Character::isLetter).count() < 3
                ? query.text() : mentioned.rest();
        Retrieval first = fused(scope, new RetrievalQuery(query.text(), query.limit(), ids, inside));
        if (first.passages().size() >= query.limit()) {
            return first;
        }
        List<RetrievedPassage> out = new ArrayList<>(first.passages());
        Set<Long> seen = new HashSet<>(first.chunkIds());
        Retrieval rest = fused(scope, query);
        for (RetrievedPassage p : rest.passages()) {
            if (out.size() >= query.limit()) {
                break;
            }
            // other versions of a named document are what the question did not ask about ("v2", not "v1")
            if (!mentioned.siblings().contains(p.chunk().documentId()) && seen.add(p.chunk().id())) {
                out.add(p);
            }
        }
        return rest.withPassages(out);
    }

    private Retrieval fused(AccessScope scope, RetrievalQuery query) {
        long t0 = System.nanoTime();
        int depth = Math.max(config.depth(), query.limit());
        List<RankedHit> lexical;
        Dense vectors;
        long bm25Nanos;
        if (config.parallelStages()) {
            CompletableFuture<Dense> pending = CompletableFuture.supplyAsync(() -> rankDense(scope, query, depth), dense);
            long b0 = System.nanoTime();
            lexical = bm25.rank(scope, query, depth);
            bm25Nanos = System.nanoTime() - b0;
            try {
                vectors = pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } else {
            long b0 = System.nanoTime();
            lexical = bm25.rank(scope, query, depth);
            bm25Nanos = System.nanoTime() - b0;
            vectors = rankDense(scope, query, depth);
        }
        long f0 = System.nanoTime();
        Set<Long> candidates = new HashSet<>();
        lexical.forEach(h -> candidates.add(h.chunkId()));
        vectors.hits().forEach(h -> candidates.add(h.chunkId()));
        Map<Long, Owner> owner = owners.of(candidates);
        Map<Long, Weights> byCollection = weights.weightsOf(scope.collectionIds());
        // a question naming clause or section numbers is about exact words: the lexical ranking counts more
        boolean namesNumbers = bm25.namesNumbers(query.lexicalQueryText());
        // a question in the user's own words (nothing for exact matching to hold on to) leans on the dense ranking,
        // in a search of whole collections: within chosen documents (a review cell) the usual weights did better
        double lexicalBoost = namesNumbers ? config.identifierBm25Boost()
                : config.unanchoredBm25Factor() != 1.0 && !query.restrictsDocuments()
                        && !bm25.anchored(scope, query.lexicalQueryText(), config.rareShare())
                        ? config.unanchoredBm25Factor() : 1.0;
        List<WeightedRanking> rankings = List.of(
                new WeightedRanking(lexical, id -> lexicalBoost * bm25Weight(byCollection, owner.get(id))),
                new WeightedRanking(vectors.hits(), id -> vectorWeight(byCollection, owner.get(id))));
        List<Fused> fused = switch (namesNumbers ? config.identifierFusion() : config.fusion()) {
            case RRF -> new ReciprocalRankFusion(config.rrfK()).fuse(rankings);
            case MIN_MAX -> new ScoreFusion(ScoreFusion.Normalisation.MIN_MAX).fuse(rankings);
        };
        fused = new DocumentDiversity(config.diversity().decay()).rerank(fused, id -> {
            Owner o = owner.get(id);
            return o == null ? null : o.documentId();
        });
        // a few more than asked for, so that demoted navigation passages (tables of contents, indexes) are replaced
        List<Fused> top = fused.subList(0, Math.min(fused.size(), query.limit() + Math.min(10, query.limit())));
        Map<Long, Double> similarity = new HashMap<>();
        vectors.hits().forEach(h -> similarity.put(h.chunkId(), h.score()));
        long l0 = System.nanoTime();
        Map<Long, ChunkWithSource> loaded = chunks.findWithSource(top.stream().map(Fused::chunkId).toList());
        long l1 = System.nanoTime();
        List<RetrievedPassage> out = new ArrayList<>(top.size());
        for (Fused f : top) {
            ChunkWithSource c = loaded.get(f.chunkId());
            if (c != null) { // a chunk deleted since the search ran is skipped
                double score = NavigationText.isNavigation(c.chunk().text()) ? f.score() * NavigationText.DEMOTION : f.score();
                out.add(new RetrievedPassage(c.chunk(), c.documentName(), score, f.ranks()[0], f.ranks()[1],
                        similarity.getOrDefault(f.chunkId(), Double.NaN)));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(RetrievedPassage::score).reversed()
                .thenComparingLong(p -> p.chunk().id()));
        if (out.size() > query.limit()) {
            out = new ArrayList<>(out.subList(0, query.limit()));
        }
        StageTimings timings = new StageTimings(ms(vectors.embedNanos()), ms(bm25Nanos), ms(vectors.searchNanos()),
                ms(l0 - f0), ms(l1 - l0), ms(System.nanoTime() - t0));
        metrics.record(timings);
        return new Retrieval(out, timings);
    }

    private double bm25Weight(Map<Long, Weights> byCollection, Owner owner) {
        Weights w = owner == null ? null : byCollection.get(owner.collectionId());
        return w == null || w.bm25() == null ? config.bm25Weight() : w.bm25();
    }

    private double vectorWeight(Map<Long, Weights> byCollection, Owner owner) {
        Weights w = owner == null ? null : byCollection.get(owner.collectionId());
        return w == null || w.vector() == null ? config.vectorWeight() : w.vector();
    }

    /** The query embedding and vector search, as {@link VectorRetriever#rank} does them, timed separately. */
    private Dense rankDense(AccessScope scope, RetrievalQuery query, int depth) {
        if (query.matchesNothing(scope) || query.text().isBlank()) {
            return new Dense(List.of(), 0, 0);
        }
        long e0 = System.nanoTime();
        Embedder.SearchVector q = embedder.embedSearch(query.text());
        long s0 = System.nanoTime();
        List<RankedHit> hits = vector.nearest(q, scope, query.documentIds(), depth);
        return new Dense(hits, s0 - e0, System.nanoTime() - s0);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @PreDestroy
    void close() {
        dense.shutdown();
    }
}
