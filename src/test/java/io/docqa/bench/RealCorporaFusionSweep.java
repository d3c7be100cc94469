package io.docqa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.corpus.ChunkOwners;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.CollectionRepository;
import io.docqa.embedding.Embedder;
import io.docqa.evaluate.EvalRuns;
import io.docqa.evaluate.GoldenJudgement;
import io.docqa.evaluate.EvalQuery.RetrievedItem;
import io.docqa.evaluate.RealCorpora;
import io.docqa.retrieve.HybridRetriever;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.SearchMetrics;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * the dense ranking: what outranks the evidence. Not part of the suite; never run on the test half.
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
        }
        String out = "Evaluation runs (the configured settings):\n\n" + runs + "\nVariants: " + variants + "\n\n" + table + "\nMoves across the first five:\n" + moves
                + "\nRanks of the evidence (0: not in the first 100):\n" + ranks
                + (showTops ? "\nFirst five of each ranking for the questions whose evidence is not in the hybrid's first five:\n" + tops : "");
        System.out.println("\n" + out);
        Files.writeString(Path.of("target/bench-fusion-sweep.md"), out);
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
