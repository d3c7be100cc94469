package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docqa.cli.ApiClient;
import io.docqa.evaluate.Metrics;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.DocumentDiversity;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.Fused;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import io.docqa.retrieve.fusion.ScoreFusion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Fusion settings swept offline on a BEIR dataset already ingested by a running server: the BM25 and vector top-100
 * of every judged query of one qrels file are fetched once through {@code POST /api/search} (and kept in a JSON file, so
 * that a later sweep needs no server), then every fusion variant is scored in memory with the product's own fusion
 * classes ({@link ReciprocalRankFusion}, {@link ScoreFusion}, {@link DocumentDiversity}): nDCG@10, Recall@5/10, MRR@10
 * at document level, a document counting at its best chunk as in the evaluation runs.
 *
 * <p>Tune on the train qrels, report on the test qrels:
 * {@code scripts/bench.sh fusion <url> <user> <password> [beir-dir] [train|test] [collection]} (collection
 * {@code eval-scifact} after {@code eval --dataset ../shared/eval/scifact}).
 */
public final class FusionSweepBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH = 100;

    record Hit(long chunkId, long documentId, String key, double score) {
    }

    record Query(String id, Map<String, Integer> grades, List<Hit> bm25, List<Hit> vector) {
    }

    /** One fusion variant: a name and the fused chunk ranking (chunk id order) of a query. */
    record Variant(String name, Function<Query, List<Hit>> rank) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("Usage: FusionSweepBenchmark <url> <user> <password> <beir-dir> <train|test> [collection]");
            System.exit(2);
        }
        Path dir = Path.of(args[3]);
        String split = args[4];
        String collection = args.length > 5 ? args[5] : dir.getFileName().toString();
        Path cache = Path.of("target/fusion-sweep/" + dir.getFileName() + "-" + split + ".json");
        List<Query> queries = Files.isRegularFile(cache) ? read(cache)
                : fetch(new ApiClient(args[0], args[1], args[2]), dir, split, collection, cache);
        System.out.printf(Locale.ROOT, "%s %s: %d queries (rankings in %s)%n%n", dir.getFileName(), split, queries.size(), cache);
        System.out.println("| variant | nDCG@10 | Recall@5 | Recall@10 | MRR@10 |");
        System.out.println("|---|---:|---:|---:|---:|");
        List<Variant> variants = variants();
        List<double[]> scores = new ArrayList<>();
        for (Variant v : variants) {
            double[] s = score(queries, v);
            scores.add(s);
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f |%n", v.name(), s[0], s[1], s[2], s[3]);
        }
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i)[0] > scores.get(best)[0]) {
                best = i;
            }
        }
        System.out.printf(Locale.ROOT, "%nBest nDCG@10: %s %.4f%n", variants.get(best).name(), scores.get(best)[0]);
    }

    static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("bm25 alone", Query::bm25));
        out.add(new Variant("vector alone", Query::vector));
        for (int depth : new int[] {50, 100}) {
            for (int k : new int[] {10, 20, 40, 60, 100}) {
                for (double w : new double[] {0.5, 0.7, 1.0, 1.5}) {
                    out.add(new Variant(String.format(Locale.ROOT, "rrf depth %d k %d bm25 %.1f vector 1", depth, k, w),
                            q -> rrf(q, depth, k, w, 1.0, 0.9)));
                }
            }
        }
        for (int depth : new int[] {50, 100}) {
            for (double a = 0.1; a < 0.95; a += 0.1) {
                double alpha = Math.round(a * 10) / 10.0;
                out.add(new Variant(String.format(Locale.ROOT, "convex min-max depth %d bm25 %.1f vector %.1f", depth, alpha,
                        1 - alpha), q -> convex(q, depth, alpha, ScoreFusion.Normalisation.MIN_MAX, 0.9)));
                out.add(new Variant(String.format(Locale.ROOT, "convex z-score depth %d bm25 %.1f vector %.1f", depth, alpha,
                        1 - alpha), q -> convex(q, depth, alpha, ScoreFusion.Normalisation.Z_SCORE, 0.9)));
            }
        }
        // a finer grid around the middle, where min-max scores are usually best, with and without diversity
        for (int depth : new int[] {50, 100}) {
            for (double alpha : new double[] {0.25, 0.35, 0.45, 0.55, 0.65}) {
                for (double decay : new double[] {1.0, 0.9, 0.8}) {
                    out.add(new Variant(String.format(Locale.ROOT, "convex min-max depth %d bm25 %.2f vector %.2f diversity %.1f",
                            depth, alpha, 1 - alpha, decay), q -> convex(q, depth, alpha, ScoreFusion.Normalisation.MIN_MAX, decay)));
                }
            }
        }
        for (double decay : new double[] {1.0, 0.8}) {
            out.add(new Variant(String.format(Locale.ROOT, "rrf depth 100 k 60 1/1 diversity %.1f", decay),
                    q -> rrf(q, 100, 60, 1.0, 1.0, decay)));
        }
        return out;
    }

    static List<Hit> rrf(Query q, int depth, int k, double bm25Weight, double vectorWeight, double decay) {
        List<Fused> fused = new ReciprocalRankFusion(k).fuse(List.of(
                new WeightedRanking(ranked(q.bm25(), depth), bm25Weight),
                new WeightedRanking(ranked(q.vector(), depth), vectorWeight)));
        return toHits(q, diversify(q, fused, decay));
    }

    static List<Hit> convex(Query q, int depth, double bm25Weight, ScoreFusion.Normalisation norm, double decay) {
        List<Fused> fused = new ScoreFusion(norm).fuse(List.of(
                new WeightedRanking(ranked(q.bm25(), depth), bm25Weight),
                new WeightedRanking(ranked(q.vector(), depth), 1 - bm25Weight)));
        return toHits(q, diversify(q, fused, decay));
    }

    private static List<RankedHit> ranked(List<Hit> hits, int depth) {
        return hits.stream().limit(depth).map(h -> new RankedHit(h.chunkId(), h.score())).toList();
    }

    private static List<Fused> diversify(Query q, List<Fused> fused, double decay) {
        Map<Long, Long> documentOf = new HashMap<>();
        q.bm25().forEach(h -> documentOf.put(h.chunkId(), h.documentId()));
        q.vector().forEach(h -> documentOf.put(h.chunkId(), h.documentId()));
        return new DocumentDiversity(decay).rerank(fused, documentOf::get);
    }

    private static List<Hit> toHits(Query q, List<Fused> fused) {
        Map<Long, Hit> byChunk = new HashMap<>();
        q.bm25().forEach(h -> byChunk.put(h.chunkId(), h));
        q.vector().forEach(h -> byChunk.putIfAbsent(h.chunkId(), h));
        return fused.stream().map(f -> byChunk.get(f.chunkId())).toList();
    }

    /** Mean nDCG@10, Recall@5, Recall@10, MRR@10 over the queries. */
    static double[] score(List<Query> queries, Variant v) {
        double[] sum = new double[4];
        for (Query q : queries) {
            List<Integer> gains = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Hit h : v.rank().apply(q)) {
                if (seen.add(h.key())) {
                    gains.add(Math.max(0, q.grades().getOrDefault(h.key(), 0)));
                }
            }
            List<Integer> ideal = q.grades().values().stream().filter(g -> g > 0).sorted(Comparator.reverseOrder()).toList();
            sum[0] += Metrics.ndcgAt(10, gains, ideal);
            sum[1] += Metrics.recallAt(5, gains, ideal.size());
            sum[2] += Metrics.recallAt(10, gains, ideal.size());
            sum[3] += Metrics.mrrAt(10, gains);
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= Math.max(1, queries.size());
        }
        return sum;
    }

    private static List<Query> fetch(ApiClient api, Path dir, String split, String collectionName, Path cache)
            throws IOException, InterruptedException {
        long collection = -1;
        for (JsonNode c : api.get("/api/collections")) {
            if (collectionName.equals(c.path("name").asText())) {
                collection = c.path("id").asLong();
            }
        }
        if (collection < 0) {
            throw new IllegalStateException("No collection named " + collectionName + " (run the eval command first).");
        }
        Map<String, String> text = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                text.put(n.path("_id").asText(), n.path("text").asText());
            }
        }
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("qrels").resolve(split + ".tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length >= 3) {
                grades.computeIfAbsent(f[0].strip(), x -> new LinkedHashMap<>()).put(f[1].strip(), Integer.parseInt(f[2].strip()));
            }
        }
        ArrayNode dump = JSON.createArrayNode();
        List<Query> out = new ArrayList<>();
        int n = 0;
        for (var e : grades.entrySet()) {
            List<Hit> bm25 = search(api, collection, text.get(e.getKey()), "bm25");
            List<Hit> vector = search(api, collection, text.get(e.getKey()), "vector");
            out.add(new Query(e.getKey(), e.getValue(), bm25, vector));
            ObjectNode q = dump.addObject();
            q.put("id", e.getKey());
            q.set("grades", JSON.valueToTree(e.getValue()));
            q.set("bm25", JSON.valueToTree(bm25));
            q.set("vector", JSON.valueToTree(vector));
            if (++n % 50 == 0) {
                System.err.println("  fetched " + n + " of " + grades.size());
            }
        }
        Files.createDirectories(cache.getParent());
        JSON.writeValue(cache.toFile(), dump);
        return out;
    }

    private static List<Hit> search(ApiClient api, long collection, String query, String retriever)
            throws IOException, InterruptedException {
        JsonNode r = api.post("/api/search", Map.of("query", query, "collections", List.of(collection), "limit", FETCH,
                "retriever", retriever));
        List<Hit> out = new ArrayList<>();
        for (JsonNode h : r.path("results")) {
            String name = h.path("documentName").asText();
            out.add(new Hit(h.path("chunkId").asLong(), h.path("documentId").asLong(),
                    name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name, h.path("score").asDouble()));
        }
        return out;
    }

    private static List<Query> read(Path cache) throws IOException {
        List<Query> out = new ArrayList<>();
        for (JsonNode q : JSON.readTree(cache.toFile())) {
            Map<String, Integer> grades = new LinkedHashMap<>();
            q.path("grades").fields().forEachRemaining(g -> grades.put(g.getKey(), g.getValue().asInt()));
            out.add(new Query(q.path("id").asText(), grades, hits(q.path("bm25")), hits(q.path("vector"))));
        }
        return out;
    }

    private static List<Hit> hits(JsonNode array) {
        List<Hit> out = new ArrayList<>();
        for (JsonNode h : array) {
            out.add(new Hit(h.path("chunkId").asLong(), h.path("documentId").asLong(), h.path("key").asText(),
                    h.path("score").asDouble()));
        }
        return out;
    }
}
