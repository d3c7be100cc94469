package io.docqa.retrieve.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.Embedder.SearchVector;
import io.docqa.embedding.Generation;
import io.docqa.retrieve.HybridRetriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.Retriever;
import io.docqa.retrieve.core.SearchMetrics;
import io.docqa.retrieve.core.StageTimings;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.llm.LlmRetrieveConfig.Rewrite;
import io.docqa.retrieve.vector.VectorRetriever;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The retriever answers and searches use: the {@link HybridRetriever}, optionally helped by the configured language
 * model ({@link LlmRetrieveConfig}). Query rewriting runs first: {@code multi-query} searches the model's phrasings
 * of the question as well and fuses every ranking, the question's own weighted highest, by reciprocal rank fusion;
 * {@code hyde} fuses the question's ranking with the nearest neighbours of a passage the model wrote. Re-ranking
 * then shows the model the first candidates and puts those it names first, in its order, the rest after in theirs.
 *
 * <p>Only passages already retrieved within the caller's scope reach the model, and rewritten queries are searched
 * in the same scope and documents. A model that fails, times out or replies unreadably leaves the plain ranking,
 * logged and counted ({@link LlmRetrievalMetrics}); the question never fails because of it. Without a model, or with
 * both levers off, this is the hybrid retriever alone.
 */
@ApplicationScoped
@Startup // built at start, so that settings that do nothing without a model are reported then
public class LlmAssistedRetriever implements Retriever {

    private static final Logger LOG = Logger.getLogger(LlmAssistedRetriever.class);

    /** Passages taken from each ranking before the rewrites are fused (at least the number asked for). */
    static final int FUSION_DEPTH = 20;

    private final HybridRetriever hybrid;
    private final VectorRetriever vector;
    private final Embedder embedder;
    private final ChunkRepository chunks;
    private final LlmRetrieveConfig config;
    private final RetrieveConfig retrieveConfig;
    private final SearchMetrics searchMetrics;
    private final LlmRetrievalMetrics metrics;
    private final Optional<ChatModel> model;

    public LlmAssistedRetriever(HybridRetriever hybrid, VectorRetriever vector, Embedder embedder,
            ChunkRepository chunks, LlmRetrieveConfig config, RetrieveConfig retrieveConfig,
            SearchMetrics searchMetrics, LlmRetrievalMetrics metrics, RetrievalChatModel models) {
        this.hybrid = hybrid;
        this.vector = vector;
        this.embedder = embedder;
        this.chunks = chunks;
        this.config = config;
        this.retrieveConfig = retrieveConfig;
        this.searchMetrics = searchMetrics;
        this.metrics = metrics;
        boolean wanted = config.rerank() || config.rewrite() != Rewrite.OFF;
        this.model = wanted ? models.withTimeout(config.timeout()) : Optional.empty();
        if (wanted && model.isEmpty()) {
            LOG.warn("docqa.retrieve.llm.rerank or docqa.retrieve.llm.rewrite is set, but no language model is "
                    + "configured (docqa.answer.llm.provider=none): retrieval runs without them");
        } else if (wanted) {
            LOG.infof("Retrieval uses the %s: re-ranking %s, query rewriting %s (timeout %s)", models.describe(),
                    config.rerank() ? "of the first " + config.rerankCandidates() + " candidates" : "off",
                    rewriting(), config.timeout());
        }
    }

    /** True when the model re-ranks each retrieval (turned on and a model configured). */
    public boolean reranks() {
        return model.isPresent() && config.rerank();
    }

    /** The query rewriting in force: {@code off} (also without a model), {@code multi-query} or {@code hyde}. */
    public String rewriting() {
        return model.isEmpty() ? "off" : config.rewrite().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public Retrieval retrieve(AccessScope scope, RetrievalQuery query) {
        if (model.isEmpty() || query.matchesNothing(scope) || query.text().isBlank()) {
            return hybrid.retrieve(scope, query);
        }
        long t0 = System.nanoTime();
        boolean rewriting = config.rewrite() != Rewrite.OFF;
        int candidates = config.rerank() ? Math.max(query.limit(), config.rerankCandidates()) : query.limit();
        int depth = rewriting ? Math.max(candidates, FUSION_DEPTH) : candidates;
        Retrieval plain = hybrid.retrieve(scope, limited(query, depth));
        scope.requireWithin(plain.passages());
        List<RetrievedPassage> passages = plain.passages();

        long r0 = System.nanoTime();
        if (rewriting) {
            passages = switch (config.rewrite()) {
                case MULTI_QUERY -> multiQuery(scope, query, passages, depth);
                case HYDE -> hyde(scope, query, passages, depth);
                case OFF -> passages;
            };
            scope.requireWithin(passages);
        }
        long r1 = System.nanoTime();
        passages = head(passages, candidates);
        if (config.rerank()) {
            passages = rerank(query.text(), passages);
        }
        long r2 = System.nanoTime();
        passages = head(passages, query.limit());
        StageTimings timings = plain.timings() == null ? null
                : plain.timings().withModelStages(rewriting ? ms(r1 - r0) : 0, config.rerank() ? ms(r2 - r1) : 0,
                        ms(System.nanoTime() - t0));
        if (timings != null) {
            searchMetrics.recordModelStages(timings);
        }
        return new Retrieval(passages, timings);
    }

    /**
     * The model's order first, then the rest in theirs; the passages unchanged when the model fails or its reply
     * cannot be read.
     */
    List<RetrievedPassage> rerank(String question, List<RetrievedPassage> passages) {
        if (passages.size() < 2) {
            return passages;
        }
        Optional<String> reply = call(LlmRetrievalMetrics.RERANK, RetrievalPrompts.rerank(question, passages));
        if (reply.isEmpty()) {
            return passages;
        }
        Optional<List<Integer>> order = RetrievalPrompts.rankedNumbers(reply.get(), passages.size());
        if (order.isEmpty()) {
            unreadable(LlmRetrievalMetrics.RERANK, reply.get());
            return passages;
        }
        List<RetrievedPassage> out = new ArrayList<>(passages.size());
        boolean[] taken = new boolean[passages.size()];
        for (int n : order.get()) {
            out.add(passages.get(n - 1));
            taken[n - 1] = true;
        }
        for (int i = 0; i < passages.size(); i++) {
            if (!taken[i]) {
                out.add(passages.get(i));
            }
        }
        return out;
    }

    /** The question's ranking fused with those of the model's phrasings; the question's alone when there are none. */
    private List<RetrievedPassage> multiQuery(AccessScope scope, RetrievalQuery query, List<RetrievedPassage> own,
            int depth) {
        Optional<String> reply = call(LlmRetrievalMetrics.MULTI_QUERY,
                RetrievalPrompts.multiQuery(query.text(), config.rewriteQueries()));
        if (reply.isEmpty()) {
            return own;
        }
        Optional<List<String>> rewrites = RetrievalPrompts.queries(reply.get(), query.text(), config.rewriteQueries());
        if (rewrites.isEmpty()) {
            unreadable(LlmRetrievalMetrics.MULTI_QUERY, reply.get());
            return own;
        }
        if (rewrites.get().isEmpty()) {
            return own;
        }
        List<List<RetrievedPassage>> others = new ArrayList<>();
        for (String rewrite : rewrites.get()) {
            // the same scope and document restriction as the question's own search
            others.add(hybrid.retrieve(scope, new RetrievalQuery(rewrite, depth, query.documentIds())).passages());
        }
        Map<Long, RetrievedPassage> found = new LinkedHashMap<>();
        own.forEach(p -> found.putIfAbsent(p.chunk().id(), p));
        others.forEach(list -> list.forEach(p -> found.putIfAbsent(p.chunk().id(), p)));
        List<WeightedRanking> rankings = new ArrayList<>();
        rankings.add(new WeightedRanking(hits(own), 1.0));
        // the question's own ranking weighs as much as all rewrites together: a passage every rewrite puts first
        // scores as one the question puts first, one that a single rewrite of several found counts less
        double each = 1.0 / others.size();
        others.forEach(list -> rankings.add(new WeightedRanking(hits(list), each)));
        return fused(scope, query, rankings, own, id -> found.get(id));
    }

    /** The question's ranking fused with the nearest neighbours of a passage the model wrote to answer it. */
    private List<RetrievedPassage> hyde(AccessScope scope, RetrievalQuery query, List<RetrievedPassage> own,
            int depth) {
        Optional<String> reply = call(LlmRetrievalMetrics.HYDE, RetrievalPrompts.hypotheticalPassage(query.text()));
        if (reply.isEmpty()) {
            return own;
        }
        Optional<String> passage = RetrievalPrompts.hypothetical(reply.get());
        if (passage.isEmpty()) {
            unreadable(LlmRetrievalMetrics.HYDE, reply.get());
            return own;
        }
        List<RankedHit> neighbours;
        try {
            Generation g = embedder.activeGeneration();
            // embedded as a passage: it is compared with passages, not with questions
            float[] v = embedder.embedPassages(g, List.of(passage.get())).get(0);
            neighbours = vector.nearest(new SearchVector(g, v), scope, query.documentIds(), depth);
        } catch (RuntimeException e) {
            LOG.warnf("The hypothetical passage could not be searched (%s); plain retrieval", e.toString());
            metrics.fallback(LlmRetrievalMetrics.HYDE, "error");
            return own;
        }
        Map<Long, RetrievedPassage> found = new HashMap<>();
        own.forEach(p -> found.putIfAbsent(p.chunk().id(), p));
        List<Long> missing = neighbours.stream().map(RankedHit::chunkId).filter(id -> !found.containsKey(id)).toList();
        Map<Long, ChunkWithSource> loaded = chunks.findWithSource(missing);
        loaded.forEach((id, c) -> found.put(id, new RetrievedPassage(c.chunk(), c.documentName(), 0, 0, 0, Double.NaN)));
        // one rewrite: it weighs as much as the question's ranking, as in multi-query
        List<WeightedRanking> rankings = List.of(new WeightedRanking(hits(own), 1.0),
                new WeightedRanking(neighbours, 1.0));
        return fused(scope, query, rankings, own, found::get);
    }

    /**
     * The fused ranking as passages with the fused score. A passage only another ranking found keeps no ranks (they
     * were for another query) and gets its similarity to the question itself, which the relevance gate judges.
     */
    private List<RetrievedPassage> fused(AccessScope scope, RetrievalQuery query, List<WeightedRanking> rankings,
            List<RetrievedPassage> own, Function<Long, RetrievedPassage> passageOf) {
        List<Fused> fused = new ReciprocalRankFusion(retrieveConfig.rrfK()).fuse(rankings);
        Map<Long, RetrievedPassage> ownById = new HashMap<>();
        own.forEach(p -> ownById.putIfAbsent(p.chunk().id(), p));
        List<Long> foreign = fused.stream().map(Fused::chunkId).filter(id -> !ownById.containsKey(id)).toList();
        Map<Long, Double> similarity = foreign.isEmpty() ? Map.of()
                : vector.similarities(embedder.embedSearch(query.text()), scope, foreign);
        List<RetrievedPassage> out = new ArrayList<>(fused.size());
        for (Fused f : fused) {
            RetrievedPassage mine = ownById.get(f.chunkId());
            RetrievedPassage p = mine != null ? mine : passageOf.apply(f.chunkId());
            if (p == null) {
                continue; // deleted since it was found
            }
            out.add(mine != null
                    ? new RetrievedPassage(p.chunk(), p.documentName(), f.score(), p.bm25Rank(), p.vectorRank(),
                            p.similarity(), p.addedFor())
                    : new RetrievedPassage(p.chunk(), p.documentName(), f.score(), 0, 0,
                            similarity.getOrDefault(f.chunkId(), Double.NaN)));
        }
        return out;
    }

    /** The model's reply, or empty after logging and counting a failure or timeout. */
    private Optional<String> call(String step, List<ChatMessage> prompt) {
        try {
            String text = model.orElseThrow().chat(prompt).aiMessage().text();
            return Optional.of(text == null ? "" : text);
        } catch (RuntimeException e) {
            boolean timeout = isTimeout(e);
            LOG.warnf("Language model %s for retrieval (%s) %s; plain retrieval", step,
                    timeout ? "timed out" : "failed", e.toString());
            metrics.fallback(step, timeout ? "timeout" : "error");
            return Optional.empty();
        }
    }

    private void unreadable(String step, String reply) {
        LOG.warnf("Language model %s reply unreadable; plain retrieval: %.200s", step, reply);
        metrics.fallback(step, "unreadable");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            if (name.contains("timeout") || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static List<RankedHit> hits(List<RetrievedPassage> passages) {
        return passages.stream().map(p -> new RankedHit(p.chunk().id(), p.score())).toList();
    }

    private static List<RetrievedPassage> head(List<RetrievedPassage> passages, int n) {
        return passages.size() <= n ? passages : List.copyOf(passages.subList(0, n));
    }

    private static RetrievalQuery limited(RetrievalQuery query, int limit) {
        return new RetrievalQuery(query.text(), limit, query.documentIds(), query.lexicalText());
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
