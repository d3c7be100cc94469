package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.corpus.ChunkOwners;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.corpus.CollectionRepository;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.evaluate.EvalRuns;
import io.docqa.evaluate.GoldenJudgement;
import io.docqa.evaluate.EvalQuery.RetrievedItem;
import io.docqa.evaluate.RealCorpora;
import io.docqa.retrieve.HybridRetriever;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.SearchMetrics;
import io.docqa.retrieve.fusion.DocumentDiversity;
import io.docqa.retrieve.fusion.NavigationText;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.named.NamedDocuments;
import io.docqa.retrieve.vector.VectorRetriever;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Fusion settings swept on the real corpora's development half, retrieval only: each corpus ingested once with its
 * pipeline (through the evaluation API, hybrid only), then every variant of {@code docqa.retrieve.*} read by a
 * {@link HybridRetriever} built with those settings over the same index. Variants:
 * {@code -Dbench.variants="name:methodName=value,...;name2:..."} (keys are {@link RetrieveConfig} method names,
 * e.g. {@code unanchoredBm25Factor=0.3,rrfK=20}); a {@code base} variant (the configured settings) always runs first.
 * Prints Recall@5 / Recall@10 / MRR@10 per corpus and kind and, for each variant, the questions whose evidence left
 * or entered the first five; writes target/bench-fusion-sweep.md. With {@code -Dbench.tops=true} it also lists, for
 * each question whose evidence is not in the hybrid's first five, the first five passages of the hybrid, BM25 and
 * the dense ranking: what outranks the evidence.
 *
 * <p>With {@code -Dbench.ensemble=e5-small-v2-q} (another in-jar model than the configured one) each corpus's passages
 * are also embedded in memory with that model ({@link InMemoryDenseRanking}, exact search within the collection), and
 * the ensemble variants fuse BM25, the configured dense ranking and that second one with the product's
 * {@link ReciprocalRankFusion} (RRF constant, weights, the BM25 factor for questions naming numbers or in the user's own
 * words, diversity, navigation demotion and the named-document step as configured), next to "offline base", the same
 * fusion without the second ranking: {@code -Dbench.ensemble.weights="1/1/1;1/1/0.5"} (BM25 / configured dense /
 * second dense, default {@code 1/1/1}). Not part of the suite; never run on the test half.
 */
@QuarkusTest
class RealCorporaFusionSweep {

    @Inject
    Bm25Retriever bm25;
    @Inject
    VectorRetriever vector;
    @Inject
    Embedder embedder;
    @Inject
    ChunkRepository chunks;
    @Inject
    ChunkOwners owners;
    @Inject
    CollectionRepository collections;
    @Inject
    RetrieveConfig config;
    @Inject
    NamedDocuments named;
    @Inject
    SearchMetrics metrics;
    @Inject
    SelectableRetriever selectable;
    @Inject
    Jdbi jdbi;

    record Question(String id, String kind, String text, GoldenJudgement judgement) {
    }

    @Test
    void sweep_fusion_settings_on_the_development_half() throws IOException {
        assumeTrue(RealCorpora.available(), "run scripts/bench.sh real-corpora once: it fetches the corpora");
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("base", Map.of());
        String spec = System.getProperty("bench.variants", "");
        for (String v : spec.split(";")) {
            if (v.isBlank()) {
                continue;
            }
            String[] nameAndKeys = v.split(":", 2);
            Map<String, String> keys = new LinkedHashMap<>();
            for (String kv : nameAndKeys[1].split(",")) {
                String[] p = kv.split("=", 2);
                keys.put(p[0].strip(), p[1].strip());
            }
            variants.put(nameAndKeys[0].strip(), keys);
        }
        List<String> corpora = System.getProperty("bench.corpora", "").isBlank() ? RealCorpora.CORPORA
                : List.of(System.getProperty("bench.corpora").split(","));
        StringBuilder table = new StringBuilder("| variant | corpus | kind | queries | R@5 | R@10 | MRR@10 |\n|---|---|---|---:|---:|---:|---:|\n");
        StringBuilder moves = new StringBuilder();
        StringBuilder runs = new StringBuilder("| corpus | retriever | kind | queries | R@5 | R@10 | MRR@10 | R@100 (all kinds) |\n|---|---|---|---:|---:|---:|---:|---:|\n");
        boolean showTops = Boolean.getBoolean("bench.tops");
        StringBuilder tops = new StringBuilder();
        StringBuilder ranks = new StringBuilder("| question | kind | anchored | BM25 rank | vector rank | base hybrid rank |\n|---|---|---|---:|---:|---:|\n");
        String ensembleModel = System.getProperty("bench.ensemble", "");
        EmbeddingModels second = ensembleModel.isBlank() ? null : EmbeddingModels.byId(ensembleModel);
        EmbeddingModel secondModel = second == null ? null : second.load();
        List<double[]> ensembleWeights = new ArrayList<>();
        ensembleWeights.add(new double[] {1, 1, 0}); // offline base
        for (String w : System.getProperty("bench.ensemble.weights", "1/1/1").split(";")) {
            ensembleWeights.add(Arrays.stream(w.strip().split("/")).mapToDouble(Double::parseDouble).toArray());
        }
        StringBuilder ensembleCost = new StringBuilder();
        for (String corpus : corpora) {
            JsonPath run = EvalRuns.startAndAwait(Map.of("dataset", RealCorpora.dataset(corpus).toString(),
                    "retrievers", List.of("bm25", "vector", "hybrid"), "answers", false, "split", "dev",
                    "pipeline", RealCorpora.pipeline(corpus)), Duration.ofMinutes(40));
            assertEquals("DONE", run.getString("status"), () -> corpus + ": " + run.getString("error"));
            AccessScope scope = AccessScope.of(List.of(run.getLong("collectionId")));
            List<Map<String, Object>> rows = run.getList("results.retrievers");
            for (Map<String, Object> r : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> byKind = (Map<String, Map<String, Object>>) r.get("byKind");
                byKind.forEach((k, v) -> runs.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        corpus, r.get("retriever"), k, v.get("queries"), v.get("recall5"), v.get("recall10"), v.get("mrr10"),
                        r.get("recall100"))));
            }
            List<Question> questions = questions(corpus);
            Map<String, Integer> baseRank = new TreeMap<>();
            for (var variant : variants.entrySet()) {
                HybridRetriever hybrid = new HybridRetriever(bm25, vector, embedder, chunks, owners, collections,
                        override(config, variant.getValue()), named, metrics);
                Map<String, double[]> byKind = new TreeMap<>();
                for (Question q : questions) {
                    int rank = rank(hybrid.retrieve(scope, new RetrievalQuery(q.text(), 100)).passages(), q);
                    for (String k : List.of(q.kind(), "all")) {
                        double[] s = byKind.computeIfAbsent(k, x -> new double[4]);
                        s[0]++;
                        s[1] += rank > 0 && rank <= 5 ? 1 : 0;
                        s[2] += rank > 0 && rank <= 10 ? 1 : 0;
                        s[3] += rank > 0 && rank <= 10 ? 1.0 / rank : 0;
                    }
                    if (variant.getKey().equals("base")) {
                        baseRank.put(q.id(), rank);
                        List<RetrievedPassage> bp = selectable.retrieve(RetrieverKind.BM25, scope, new RetrievalQuery(q.text(), 100)).passages();
                        List<RetrievedPassage> vp = selectable.retrieve(RetrieverKind.VECTOR, scope, new RetrievalQuery(q.text(), 100)).passages();
                        int b = rank(bp, q);
                        int v = rank(vp, q);
                        if (showTops && (rank == 0 || rank > 5)) {
                            tops.append(String.format(Locale.ROOT, "%n%s [%s] %s (hybrid %d, BM25 %d, vector %d)%n", q.id(), q.kind(), q.text(), rank, b, v));
                            List<RetrievedPassage> hp = hybrid.retrieve(scope, new RetrievalQuery(q.text(), 100)).passages();
                            top5(tops, "hybrid", hp);
                            top5(tops, "BM25", bp);
                            top5(tops, "vector", vp);
                        }
                        boolean anchored = bm25.anchored(scope, q.text(), Double.parseDouble(System.getProperty("bench.rare-share", String.valueOf(config.rareShare()))));
                        ranks.append(String.format(Locale.ROOT, "| %s %s | %s | %s | %d | %d | %d |%n", q.id(),
                                q.text().length() > 70 ? q.text().substring(0, 70) : q.text(), q.kind(), anchored, b, v, rank));
                    } else {
                        int before = baseRank.get(q.id());
                        boolean was = before > 0 && before <= 5;
                        boolean is = rank > 0 && rank <= 5;
                        if (was != is) {
                            moves.append(String.format(Locale.ROOT, "- %s: %s [%s] %d → %d: %s%n", variant.getKey(), q.id(),
                                    q.kind(), before, rank, q.text()));
                        }
                    }
                }
                byKind.forEach((k, s) -> table.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %.3f |%n",
                        variant.getKey(), corpus, k, (int) s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0])));
            }
            if (second != null) {
                InMemoryDenseRanking dense2 = InMemoryDenseRanking.of(second, secondModel, jdbi, run.getLong("collectionId"));
                List<Map<String, double[]>> byKind = new ArrayList<>();
                ensembleWeights.forEach(w -> byKind.add(new TreeMap<>()));
                long queryNanos = 0;
                for (Question q : questions) {
                    long t0 = System.nanoTime();
                    dense2.nearest(q.text(), 100, null);
                    queryNanos += System.nanoTime() - t0;
                    Plan plan = plan(scope, q.text(), dense2);
                    for (int i = 0; i < ensembleWeights.size(); i++) {
                        int rank = rank(retrieve(plan, ensembleWeights.get(i)), q);
                        for (String k : List.of(q.kind(), "all")) {
                            double[] s = byKind.get(i).computeIfAbsent(k, x -> new double[4]);
                            s[0]++;
                            s[1] += rank > 0 && rank <= 5 ? 1 : 0;
                            s[2] += rank > 0 && rank <= 10 ? 1 : 0;
                            s[3] += rank > 0 && rank <= 10 ? 1.0 / rank : 0;
                        }
                    }
                }
                for (int i = 0; i < ensembleWeights.size(); i++) {
                    double[] w = ensembleWeights.get(i);
                    String name = w[2] == 0 ? "offline base" : String.format(Locale.ROOT, "ensemble %s bm25 %.1f vector %.1f %s %.1f",
                            second.id(), w[0], w[1], second.id(), w[2]);
                    byKind.get(i).forEach((k, s) -> table.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %.3f |%n",
                            name, corpus, k, (int) s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0])));
                }
                ensembleCost.append(String.format(Locale.ROOT, "- %s: %d passages embedded with %s at %.1f per second; query"
                        + " embedding + exact search %.1f ms per question%n", corpus, dense2.size(), second.id(),
                        dense2.chunksPerSecond(), queryNanos / 1e6 / Math.max(1, questions.size())));
            }
        }
        String out = "Evaluation runs (the configured settings):\n\n" + runs + "\nVariants: " + variants + "\n\n" + table
                + (second == null ? "" : "\nSecond dense model:\n" + ensembleCost) + "\nMoves across the first five:\n" + moves
                + "\nRanks of the evidence (0: not in the first 100):\n" + ranks
                + (showTops ? "\nFirst five of each ranking for the questions whose evidence is not in the hybrid's first five:\n" + tops : "");
        System.out.println("\n" + out);
        Files.writeString(Path.of("target/bench-fusion-sweep.md"), out);
    }

    /** A question's candidates as the hybrid retriever gets them, and the factor it puts on the BM25 weight. */
    private record Candidates(List<RankedHit> lexical, List<RankedHit> dense, double lexicalBoost) {
    }

    /**
     * A question's candidates, and those within the documents it names ({@code named}, null when it names none), as
     * {@link HybridRetriever#retrieve} searches them; the second dense ranking's likewise.
     */
    private record Plan(Candidates all, List<RankedHit> secondAll, Candidates named, List<RankedHit> secondNamed,
            Set<Long> siblings) {
    }

    private Plan plan(AccessScope scope, String text, InMemoryDenseRanking dense2) {
        int depth = Math.max(config.depth(), 100);
        RetrievalQuery query = new RetrievalQuery(text, 100);
        Candidates all = candidates(scope, query);
        List<RankedHit> secondAll = dense2.nearest(text, depth, null);
        var mentioned = named.find(scope, text);
        if (!mentioned.any()) {
            return new Plan(all, secondAll, null, null, Set.of());
        }
        List<Long> ids = mentioned.documentIds().stream().sorted().toList();
        String inside = mentioned.rest() == null || mentioned.rest().chars().filter(Character::isLetter).count() < 3
                ? text : mentioned.rest();
        return new Plan(all, secondAll, candidates(scope, new RetrievalQuery(text, 100, ids, inside)),
                dense2.nearest(text, depth, new HashSet<>(ids)), mentioned.siblings());
    }

    /** The named documents' passages first, then the rest without the named documents' other versions. */
    private List<RetrievedPassage> retrieve(Plan plan, double[] weights) {
        List<RetrievedPassage> rest = fuse(plan.all(), plan.secondAll(), weights);
        if (plan.named() == null) {
            return rest;
        }
        List<RetrievedPassage> out = new ArrayList<>(fuse(plan.named(), plan.secondNamed(), weights));
        Set<Long> seen = new HashSet<>();
        out.forEach(p -> seen.add(p.chunk().id()));
        for (RetrievedPassage p : rest) {
            if (out.size() >= 100) {
                break;
            }
            if (!plan.siblings().contains(p.chunk().documentId()) && seen.add(p.chunk().id())) {
                out.add(p);
            }
        }
        return out;
    }

    private Candidates candidates(AccessScope scope, RetrievalQuery query) {
        int depth = Math.max(config.depth(), query.limit());
        boolean namesNumbers = bm25.namesNumbers(query.lexicalQueryText());
        double boost = namesNumbers ? config.identifierBm25Boost()
                : config.unanchoredBm25Factor() != 1.0 && !query.restrictsDocuments()
                        && !bm25.anchored(scope, query.lexicalQueryText(), config.rareShare())
                        ? config.unanchoredBm25Factor() : 1.0;
        return new Candidates(bm25.rank(scope, query, depth), vector.rank(scope, query, depth), boost);
    }

    /**
     * BM25, the configured dense ranking and the second one fused as {@link HybridRetriever} fuses the first two
     * (configured weights times {@code weights}; reciprocal rank fusion, diversity, navigation demotion), best first.
     */
    private List<RetrievedPassage> fuse(Candidates c, List<RankedHit> second, double[] weights) {
        List<WeightedRanking> rankings = new ArrayList<>(List.of(
                new WeightedRanking(c.lexical(), weights[0] * c.lexicalBoost() * config.bm25Weight()),
                new WeightedRanking(c.dense(), weights[1] * config.vectorWeight())));
        if (weights[2] > 0) {
            rankings.add(new WeightedRanking(second, weights[2]));
        }
        List<Fused> fused = new ReciprocalRankFusion(config.rrfK()).fuse(rankings);
        Map<Long, ChunkOwners.Owner> owner = owners.of(fused.stream().map(Fused::chunkId).toList());
        fused = new DocumentDiversity(config.diversity().decay()).rerank(fused, id -> {
            ChunkOwners.Owner o = owner.get(id);
            return o == null ? null : o.documentId();
        });
        List<Fused> top = fused.subList(0, Math.min(fused.size(), 110));
        Map<Long, ChunkWithSource> loaded = chunks.findWithSource(top.stream().map(Fused::chunkId).toList());
        List<RetrievedPassage> out = new ArrayList<>();
        for (Fused f : top) {
            ChunkWithSource cs = loaded.get(f.chunkId());
            if (cs != null) {
                double score = NavigationText.isNavigation(cs.chunk().text()) ? f.score() * NavigationText.DEMOTION : f.score();
                out.add(new RetrievedPassage(cs.chunk(), cs.documentName(), score, f.ranks()[0], f.ranks()[1], Double.NaN));
            }
        }
        out.sort(Comparator.comparingDouble(RetrievedPassage::score).reversed().thenComparingLong(p -> p.chunk().id()));
        return out.size() > 100 ? out.subList(0, 100) : out;
    }

    /** The first five passages of a ranking, one line each: heading path and the start of the text. */
    private static void top5(StringBuilder out, String name, List<RetrievedPassage> passages) {
        for (int i = 0; i < Math.min(5, passages.size()); i++) {
            RetrievedPassage p = passages.get(i);
            String line = (p.chunk().headingPath() + " || " + p.chunk().text()).replace('\n', ' ');
            out.append(String.format(Locale.ROOT, "  %s %d: %s%n", name, i + 1, line.substring(0, Math.min(200, line.length()))));
        }
    }

    /** 1-based rank of the first passage holding the evidence in a named document, 0 when none does. */
    private static int rank(List<RetrievedPassage> passages, Question q) {
        List<RetrievedItem> items = passages.stream().map(p -> new RetrievedItem(p.documentName(), p.chunk().text())).toList();
        List<Integer> gains = q.judgement().gains(items, 100);
        return gains.indexOf(1) + 1;
    }

    private static List<Question> questions(String corpus) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Question> out = new ArrayList<>();
        for (String line : Files.readAllLines(RealCorpora.questions(corpus))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            if (!"dev".equals(n.path("split").asText()) || "unanswerable".equals(n.path("kind").asText())) {
                continue;
            }
            List<String> docs = new ArrayList<>();
            n.path("docs").forEach(d -> docs.add(d.asText()));
            List<String> evidence = new ArrayList<>();
            n.path("evidence").forEach(e -> evidence.add(e.asText()));
            out.add(new Question(n.path("id").asText(), n.path("kind").asText(), n.path("question").asText(),
                    new GoldenJudgement(new HashSet<>(docs), evidence)));
        }
        return out;
    }

    /** The configured settings with some methods answering other values (parsed to the method's return type). */
    private static RetrieveConfig override(RetrieveConfig base, Map<String, String> values) {
        return (RetrieveConfig) Proxy.newProxyInstance(RetrieveConfig.class.getClassLoader(),
                new Class<?>[] {RetrieveConfig.class}, (proxy, method, args) -> {
                    String v = values.get(method.getName());
                    if (v == null) {
                        return method.invoke(base, args);
                    }
                    Class<?> t = method.getReturnType();
                    if (t == int.class) {
                        return Integer.parseInt(v);
                    } else if (t == double.class) {
                        return Double.parseDouble(v);
                    } else if (t == boolean.class) {
                        return Boolean.parseBoolean(v);
                    } else if (t == RetrieveConfig.Fusion.class) {
                        return RetrieveConfig.Fusion.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
                    }
                    throw new IllegalArgumentException("cannot override " + method.getName());
                });
    }
}
