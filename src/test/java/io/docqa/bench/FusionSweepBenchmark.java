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
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Fusion settings swept offline on a BEIR dataset already ingested by a running server: the BM25 and vector top-100
 * of every judged query of one qrels file are fetched once through {@code POST /api/search} (and kept in a JSON file, so
 * that a later sweep needs no server), then every fusion variant is scored in memory with the product's own fusion
 * classes ({@link ReciprocalRankFusion}, {@link ScoreFusion}, {@link DocumentDiversity}): nDCG@10, Recall@5/10, MRR@10
 * at document level, a document counting at its best chunk as in the evaluation runs.
 *
 * <p>The server's own hybrid top-100 is fetched as well: the factor the product put on the BM25 weight of each query
 * (1.0, the unanchored factor for a question in the user's own words, or the identifier boost) is the candidate whose
 * offline fusion reproduces that ranking best, so that "adaptive" variants fuse as the product does.
 *
 * <p>With a second server ({@code url2}, the same dataset ingested with another embedding model), its vector top-100
 * is a third ranking: its chunks are matched to the first server's by document and character offsets (the chunking
 * does not depend on the model), and variants fuse BM25 with both dense rankings, or the two dense rankings alone
 * (an ensemble of two embedding models).
 *
 * <p>Tune on the train qrels, report on the test qrels:
 * {@code scripts/bench.sh fusion <url> <user> <password> [beir-dir] [train|test] [collection] [url2 [user2 password2]
 * [collection2]]} (collection {@code eval-scifact} after {@code eval --dataset ../shared/eval/scifact}).
 */
public final class FusionSweepBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH = 100;

    /** A search result; {@code start}/{@code end}: the chunk's character offsets in its document. */
    record Hit(long chunkId, long documentId, String key, double score, int start, int end) {
    }

    /**
     * One judged query: the first server's BM25, vector and hybrid rankings, the second server's vector ranking
     * ({@code vector2}, chunk and document ids those of the first server; empty without a second server) and the
     * factor the first server put on the BM25 weight ({@link #inferBoost}).
     */
    record Query(String id, Map<String, Integer> grades, List<Hit> bm25, List<Hit> vector, List<Hit> hybrid,
            List<Hit> vector2, double lexicalBoost) {
        Query(String id, Map<String, Integer> grades, List<Hit> bm25, List<Hit> vector, List<Hit> hybrid) {
            this(id, grades, bm25, vector, hybrid, List.of(), 1.0);
        }
    }

    /** A ranking to fuse: the query's hits and their weight. */
    record Part(Function<Query, List<Hit>> hits, ToDoubleFunction<Query> weight) {
        static Part of(Function<Query, List<Hit>> hits, double weight) {
            return new Part(hits, q -> weight);
        }

        /** BM25 weighted as the product weights it: {@code weight} times the query's inferred factor. */
        static Part adaptiveBm25(double weight) {
            return new Part(Query::bm25, q -> weight * q.lexicalBoost());
        }
    }

    /** Candidate factors on the BM25 weight: none, the default unanchored factor and the default identifier boost. */
    private static final double[] BOOSTS = {1.0, 0.3, 2.0};

    /** One fusion variant: a name and the fused chunk ranking (chunk id order) of a query. */
    record Variant(String name, Function<Query, List<Hit>> rank) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("Usage: FusionSweepBenchmark <url> <user> <password> <beir-dir> <train|test> [collection]"
                    + " [url2 [user2 password2] [collection2]]");
            System.exit(2);
        }
        Path dir = Path.of(args[3]);
        String split = args[4];
        String collection = args.length > 5 ? args[5] : dir.getFileName().toString();
        Path cache = Path.of("target/fusion-sweep/" + dir.getFileName() + "-" + split + ".json");
        List<Query> queries = Files.isRegularFile(cache) ? read(cache)
                : fetch(new ApiClient(args[0], args[1], args[2]), dir, split, collection, cache);
        if (queries.stream().anyMatch(q -> q.hybrid().isEmpty())) {
            System.err.println("Rankings cached without the server's hybrid ranking: delete " + cache + " to fetch it.");
        }
        boolean ensemble = args.length > 6;
        if (ensemble) {
            String url2 = args[6];
            boolean credentials = args.length > 8;
            String collection2 = args.length > (credentials ? 9 : 7) ? args[credentials ? 9 : 7] : collection;
            Path cache2 = Path.of("target/fusion-sweep/" + dir.getFileName() + "-" + split + "-vector2-"
                    + url2.replaceAll("[^A-Za-z0-9]+", "_") + ".json");
            Map<String, List<Hit>> second = Files.isRegularFile(cache2) ? readSecond(cache2)
                    : fetchSecond(new ApiClient(url2, credentials ? args[7] : args[1], credentials ? args[8] : args[2]),
                            dir, queries, collection2, cache2);
            queries = withSecond(queries, second);
            System.out.printf(Locale.ROOT, "second vector ranking: %s (in %s)%n", url2, cache2);
        }
        queries = queries.stream().map(FusionSweepBenchmark::inferBoost).toList();
        System.out.printf(Locale.ROOT, "%s %s: %d queries (rankings in %s)%n", dir.getFileName(), split, queries.size(), cache);
        reportBoosts(queries);
        System.out.println();
        System.out.println("| variant | nDCG@10 | Recall@5 | Recall@10 | MRR@10 |");
        System.out.println("|---|---:|---:|---:|---:|");
        List<Variant> variants = new ArrayList<>(variants());
        if (ensemble) {
            variants.addAll(ensembleVariants());
        }
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

    /**
     * The variants of an ensemble: the second dense ranking alone and with BM25 (as the second server's hybrid), the
     * two dense rankings alone, and BM25 with both, each BM25 weight either fixed or adaptive (times the query's
     * inferred factor, as the product does).
     */
    static List<Variant> ensembleVariants() {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("vector2 alone", Query::vector2));
        out.add(new Variant("product hybrid as served (server 1)", Query::hybrid));
        out.add(new Variant("product hybrid offline: adaptive rrf depth 100 k 20 bm25 1 vector 1",
                q -> rrf(q, 100, 20, 0.9, List.of(Part.adaptiveBm25(1.0), Part.of(Query::vector, 1.0)))));
        for (int k : new int[] {10, 20, 60}) {
            out.add(new Variant(String.format(Locale.ROOT, "adaptive rrf depth 100 k %d bm25 1 vector2 1", k),
                    q -> rrf(q, 100, k, 0.9, List.of(Part.adaptiveBm25(1.0), Part.of(Query::vector2, 1.0)))));
            out.add(new Variant(String.format(Locale.ROOT, "dense only rrf depth 100 k %d vector 1 vector2 1", k),
                    q -> rrf(q, 100, k, 0.9, List.of(Part.of(Query::vector, 1.0), Part.of(Query::vector2, 1.0)))));
        }
        double[][] weights = {{1, 1, 1}, {0.5, 1, 1}, {0.7, 1, 1}, {1.5, 1, 1}, {2, 1, 1}, {1, 1, 0.5}, {1, 0.5, 1},
            {1, 1, 0.7}, {1, 0.7, 1}};
        for (boolean adaptive : new boolean[] {true, false}) {
            for (int depth : new int[] {50, 100}) {
                for (int k : new int[] {10, 20, 40, 60}) {
                    for (double[] w : weights) {
                        Part bm25 = adaptive ? Part.adaptiveBm25(w[0]) : Part.of(Query::bm25, w[0]);
                        out.add(new Variant(String.format(Locale.ROOT, "%srrf3 depth %d k %d bm25 %.1f vector %.1f vector2 %.1f",
                                adaptive ? "adaptive " : "", depth, k, w[0], w[1], w[2]),
                                q -> rrf(q, depth, k, 0.9, List.of(bm25, Part.of(Query::vector, w[1]),
                                        Part.of(Query::vector2, w[2])))));
                    }
                }
            }
        }
        return out;
    }

    static List<Hit> rrf(Query q, int depth, int k, double bm25Weight, double vectorWeight, double decay) {
        return rrf(q, depth, k, decay, List.of(Part.of(Query::bm25, bm25Weight), Part.of(Query::vector, vectorWeight)));
    }

    /** Reciprocal rank fusion of the top {@code depth} of each ranking, then document diversity. */
    static List<Hit> rrf(Query q, int depth, int k, double decay, List<Part> parts) {
        List<Fused> fused = new ReciprocalRankFusion(k).fuse(parts.stream()
                .map(p -> new WeightedRanking(ranked(p.hits().apply(q), depth), p.weight().applyAsDouble(q)))
                .toList());
        return toHits(q, diversify(q, fused, decay));
    }

    /**
     * The query with the factor on the BM25 weight whose offline fusion (RRF k 20, depth 100, diversity 0.9: the
     * defaults, at the depth of a 100-result search) agrees best with the server's hybrid ranking (most equal ranks in
     * the top 10; the first candidate on a tie); 1.0 without a hybrid ranking.
     */
    static Query inferBoost(Query q) {
        if (q.hybrid().isEmpty()) {
            return q;
        }
        double best = BOOSTS[0];
        int bestAgreement = -1;
        for (double boost : BOOSTS) {
            Query candidate = withBoost(q, boost);
            int agreement = agreement(rrf(candidate, 100, 20, 0.9, List.of(Part.adaptiveBm25(1.0),
                    Part.of(Query::vector, 1.0))), q.hybrid());
            if (agreement > bestAgreement) {
                best = boost;
                bestAgreement = agreement;
            }
        }
        return withBoost(q, best);
    }

    private static Query withBoost(Query q, double boost) {
        return new Query(q.id(), q.grades(), q.bm25(), q.vector(), q.hybrid(), q.vector2(), boost);
    }

    private static int agreement(List<Hit> offline, List<Hit> served) {
        int same = 0;
        for (int i = 0; i < Math.min(10, Math.min(offline.size(), served.size())); i++) {
            if (offline.get(i).chunkId() == served.get(i).chunkId()) {
                same++;
            }
        }
        return same;
    }

    /** How many queries got each factor, and how many of them the offline fusion reproduces exactly (top 10). */
    private static void reportBoosts(List<Query> queries) {
        Map<Double, int[]> counts = new TreeMap<>();
        for (Query q : queries) {
            if (!q.hybrid().isEmpty()) {
                int[] c = counts.computeIfAbsent(q.lexicalBoost(), x -> new int[2]);
                c[0]++;
                List<Hit> offline = rrf(q, 100, 20, 0.9, List.of(Part.adaptiveBm25(1.0), Part.of(Query::vector, 1.0)));
                if (agreement(offline, q.hybrid()) == Math.min(10, q.hybrid().size())) {
                    c[1]++;
                }
            }
        }
        counts.forEach((boost, c) -> System.out.printf(Locale.ROOT,
                "BM25 weight factor %.1f: %d queries, top 10 reproduced exactly for %d%n", boost, c[0], c[1]));
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
        q.vector2().forEach(h -> documentOf.put(h.chunkId(), h.documentId()));
        return new DocumentDiversity(decay).rerank(fused, documentOf::get);
    }

    private static List<Hit> toHits(Query q, List<Fused> fused) {
        Map<Long, Hit> byChunk = new HashMap<>();
        q.bm25().forEach(h -> byChunk.put(h.chunkId(), h));
        q.vector().forEach(h -> byChunk.putIfAbsent(h.chunkId(), h));
        q.vector2().forEach(h -> byChunk.putIfAbsent(h.chunkId(), h));
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

    private static long collectionId(ApiClient api, String collectionName) throws IOException, InterruptedException {
        for (JsonNode c : api.get("/api/collections")) {
            if (collectionName.equals(c.path("name").asText())) {
                return c.path("id").asLong();
            }
        }
        throw new IllegalStateException("No collection named " + collectionName + " (run the eval command first).");
    }

    private static Map<String, String> queryTexts(Path dir) throws IOException {
        Map<String, String> text = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                text.put(n.path("_id").asText(), n.path("text").asText());
            }
        }
        return text;
    }

    private static List<Query> fetch(ApiClient api, Path dir, String split, String collectionName, Path cache)
            throws IOException, InterruptedException {
        long collection = collectionId(api, collectionName);
        Map<String, String> text = queryTexts(dir);
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
            List<Hit> hybrid = search(api, collection, text.get(e.getKey()), "hybrid");
            out.add(new Query(e.getKey(), e.getValue(), bm25, vector, hybrid));
            ObjectNode q = dump.addObject();
            q.put("id", e.getKey());
            q.set("grades", JSON.valueToTree(e.getValue()));
            q.set("bm25", JSON.valueToTree(bm25));
            q.set("vector", JSON.valueToTree(vector));
            q.set("hybrid", JSON.valueToTree(hybrid));
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
                    name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name, h.path("score").asDouble(),
                    h.path("startOffset").asInt(), h.path("endOffset").asInt()));
        }
        return out;
    }

    /** The second server's vector top-100 of each query, by query id, with that server's own chunk ids. */
    private static Map<String, List<Hit>> fetchSecond(ApiClient api, Path dir, List<Query> queries, String collectionName,
            Path cache) throws IOException, InterruptedException {
        long collection = collectionId(api, collectionName);
        Map<String, String> text = queryTexts(dir);
        Map<String, List<Hit>> out = new LinkedHashMap<>();
        for (Query q : queries) {
            out.put(q.id(), search(api, collection, text.get(q.id()), "vector"));
            if (out.size() % 50 == 0) {
                System.err.println("  fetched " + out.size() + " of " + queries.size() + " from the second server");
            }
        }
        Files.createDirectories(cache.getParent());
        JSON.writeValue(cache.toFile(), out);
        return out;
    }

    private static Map<String, List<Hit>> readSecond(Path cache) throws IOException {
        Map<String, List<Hit>> out = new LinkedHashMap<>();
        JSON.readTree(cache.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), hits(e.getValue())));
        return out;
    }

    /**
     * The queries with the second server's vector ranking, its chunks given the first server's ids: the same chunk is
     * the same document key and character offsets. A chunk the first server returned for no query gets a negative id
     * of its own (and its document the first server's id, or a negative one). Prints how many hits were matched.
     */
    static List<Query> withSecond(List<Query> queries, Map<String, List<Hit>> second) {
        Map<String, Hit> byPosition = new HashMap<>();
        Map<String, Long> documentByKey = new HashMap<>();
        for (Query q : queries) {
            for (List<Hit> list : List.of(q.bm25(), q.vector(), q.hybrid())) {
                for (Hit h : list) {
                    byPosition.putIfAbsent(position(h), h);
                    documentByKey.putIfAbsent(h.key(), h.documentId());
                }
            }
        }
        Map<String, Long> unmatched = new HashMap<>();
        Map<String, Long> unmatchedDocuments = new HashMap<>();
        int matched = 0;
        int total = 0;
        List<Query> out = new ArrayList<>();
        for (Query q : queries) {
            List<Hit> mapped = new ArrayList<>();
            for (Hit h : second.getOrDefault(q.id(), List.of())) {
                total++;
                Hit first = byPosition.get(position(h));
                if (first != null) {
                    matched++;
                    mapped.add(new Hit(first.chunkId(), first.documentId(), h.key(), h.score(), h.start(), h.end()));
                } else {
                    long id = unmatched.computeIfAbsent(position(h), x -> -1L - unmatched.size());
                    long document = documentByKey.getOrDefault(h.key(),
                            unmatchedDocuments.computeIfAbsent(h.key(), x -> -1L - unmatchedDocuments.size()));
                    mapped.add(new Hit(id, document, h.key(), h.score(), h.start(), h.end()));
                }
            }
            out.add(new Query(q.id(), q.grades(), q.bm25(), q.vector(), q.hybrid(), mapped, q.lexicalBoost()));
        }
        System.out.printf(Locale.ROOT, "second vector ranking: %d of %d hits matched to a chunk the first server returned,"
                + " %d chunks only the second returned%n", matched, total, unmatched.size());
        return out;
    }

    private static String position(Hit h) {
        return h.start() + ":" + h.end() + ":" + h.key();
    }

    private static List<Query> read(Path cache) throws IOException {
        List<Query> out = new ArrayList<>();
        for (JsonNode q : JSON.readTree(cache.toFile())) {
            Map<String, Integer> grades = new LinkedHashMap<>();
            q.path("grades").fields().forEachRemaining(g -> grades.put(g.getKey(), g.getValue().asInt()));
            out.add(new Query(q.path("id").asText(), grades, hits(q.path("bm25")), hits(q.path("vector")),
                    hits(q.path("hybrid"))));
        }
        return out;
    }

    private static List<Hit> hits(JsonNode array) {
        List<Hit> out = new ArrayList<>();
        for (JsonNode h : array) {
            out.add(new Hit(h.path("chunkId").asLong(), h.path("documentId").asLong(), h.path("key").asText(),
                    h.path("score").asDouble(), h.path("start").asInt(), h.path("end").asInt()));
        }
        return out;
    }
}
