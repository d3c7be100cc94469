package io.docqa.retrieve;

import io.docqa.corpus.ChunkOwners;
import io.docqa.corpus.ChunkOwners.Owner;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection.Weights;
import io.docqa.embedding.Embedder;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.fusion.DocumentDiversity;
import io.docqa.retrieve.fusion.NavigationText;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.docqa.retrieve.named.NamedDocuments;
import io.docqa.retrieve.vector.VectorRetriever;
import io.quarkus.arc.Arc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
 * BM25 and vector rankings fused by reciprocal rank fusion, each hit weighted by its collection's fusion weights,
 * then spread over documents ({@link DocumentDiversity}) and loaded from PostgreSQL. With
 * {@code docqa.retrieve.parallel-stages} the query embedding and vector search run on a virtual thread while BM25
 * runs on the caller's; the time of each stage is recorded for the search response. Documents the question names
 * are searched first ({@link NamedDocuments}).
 */
@ApplicationScoped
public class HybridRetriever implements Retriever {

    private final Bm25Retriever bm25;
    private final VectorRetriever vector;
    private final Embedder embedder;
    private final ChunkRepository chunks;
    private final ChunkOwners owners;
    private final CollectionRepository weights;
    private final RetrieveConfig config;
    private final StageTimingRecorder timings;
    private final NamedDocuments named;
    private final ExecutorService dense = Executors.newVirtualThreadPerTaskExecutor();

    public HybridRetriever(Bm25Retriever bm25, VectorRetriever vector, Embedder embedder, ChunkRepository chunks,
            ChunkOwners owners, CollectionRepository weights, RetrieveConfig config, StageTimingRecorder timings,
            NamedDocuments named) {
        this.named = named;
        this.bm25 = bm25;
        this.vector = vector;
        this.embedder = embedder;
        this.chunks = chunks;
        this.owners = owners;
        this.weights = weights;
        this.config = config;
        this.timings = timings;
    }

    private record Dense(List<RankedHit> hits, long embedNanos, long searchNanos) {
    }

    /**
     * When the question names documents of the searched collections ("under GPLv3", "in the Acme MSA"), their
     * passages come first (BM25 searching the question without the words that name them), followed by the rest of the
     * ranking without the other versions of the named documents; otherwise the fused ranking as it is.
     */
    @Override
    public List<RetrievedPassage> retrieve(RetrievalQuery query) {
        Named mentioned = named.find(query.text(), query.collectionIds());
        if (!mentioned.any()) {
            return fused(query);
        }
        List<Long> ids = mentioned.documentIds().stream()
                .filter(id -> !query.restrictsDocuments() || query.documentIds().contains(id)).sorted().toList();
        if (ids.isEmpty()) {
            return fused(query);
        }
        // inside the named documents their name is noise to BM25: it looks for the rest of the question (the dense
        // side keeps the whole question, whose similarity the relevance gate judges)
        String inside = mentioned.rest() == null || mentioned.rest().chars().filter(Character::isLetter).count() < 3
                ? query.text() : mentioned.rest();
        List<RetrievedPassage> first = fused(new RetrievalQuery(query.text(), query.collectionIds(), query.limit(), ids,
                inside));
        if (first.size() >= query.limit()) {
            return first;
        }
        List<RetrievedPassage> out = new ArrayList<>(first);
        Set<Long> seen = new HashSet<>();
        first.forEach(p -> seen.add(p.chunk().id()));
        for (RetrievedPassage p : fused(query)) {
            if (out.size() >= query.limit()) {
                break;
            }
            // other versions of a named document are what the question did not ask about ("v2", not "v1")
            if (!mentioned.siblings().contains(p.chunk().documentId()) && seen.add(p.chunk().id())) {
                out.add(p);
            }
        }
        return out;
    }

    private List<RetrievedPassage> fused(RetrievalQuery query) {
        long t0 = System.nanoTime();
        int depth = Math.max(config.depth(), query.limit());
        List<RankedHit> lexical;
        Dense vectors;
        long bm25Nanos;
        if (config.parallelStages()) {
            CompletableFuture<Dense> pending = CompletableFuture.supplyAsync(() -> rankDense(query, depth), dense);
            long b0 = System.nanoTime();
            lexical = bm25.rank(query, depth);
            bm25Nanos = System.nanoTime() - b0;
            try {
                vectors = pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } else {
            long b0 = System.nanoTime();
            lexical = bm25.rank(query, depth);
            bm25Nanos = System.nanoTime() - b0;
            vectors = rankDense(query, depth);
        }
        long f0 = System.nanoTime();
        Set<Long> candidates = new HashSet<>();
        lexical.forEach(h -> candidates.add(h.chunkId()));
        vectors.hits().forEach(h -> candidates.add(h.chunkId()));
        Map<Long, Owner> owner = owners.of(candidates);
        Map<Long, Weights> byCollection = weights.weightsOf(query.collectionIds());
        // a question naming clause or section numbers is about exact words: the lexical ranking counts more
        double lexicalBoost = bm25.namesNumbers(query.lexicalQueryText()) ? config.identifierBm25Boost() : 1.0;
        List<Fused> fused = new ReciprocalRankFusion(config.rrfK()).fuse(List.of(
                new WeightedRanking(lexical, id -> lexicalBoost * bm25Weight(byCollection, owner.get(id))),
                new WeightedRanking(vectors.hits(), id -> vectorWeight(byCollection, owner.get(id)))));
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
        if (Arc.container().requestContext().isActive()) {
            timings.record(new StageTimings(ms(vectors.embedNanos()), ms(bm25Nanos), ms(vectors.searchNanos()),
                    ms(l0 - f0), ms(l1 - l0), ms(System.nanoTime() - t0)));
        }
        return out;
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
    private Dense rankDense(RetrievalQuery query, int depth) {
        if (query.matchesNothing() || query.text().isBlank()) {
            return new Dense(List.of(), 0, 0);
        }
        long e0 = System.nanoTime();
        float[] q = embedder.embedQuery(query.text());
        long s0 = System.nanoTime();
        List<RankedHit> hits = vector.nearest(q, query.collectionIds(), query.documentIds(), depth);
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
