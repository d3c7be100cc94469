package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.evaluate.Metrics;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.retrieve.bm25.LexicalQuery;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.fusion.ReciprocalRankFusion;
import io.docqa.retrieve.fusion.ReciprocalRankFusion.WeightedRanking;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Fusion settings on BEIR SciFact without the server: BM25 with DocQA's field layout and query, exact dense search
 * with each in-jar model (vectors cached in target/scifact-&lt;model&gt;.vectors, so a second run only queries), then
 * reciprocal rank fusion with several k, weights and model ensembles over the top {@code depth} (50) of each.
 * One document per abstract (no chunking), so figures differ slightly from the app's. Prints nDCG@10 per variant.
 * Usage: scripts/bench.sh fusion [dataset]
 */
public final class SciFactFusionBenchmark {

    private static final int DEPTH = 50;

    private SciFactFusionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact");
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    String title = n.path("title").asText("").strip();
                    String body = n.path("text").asText("").strip();
                    ids.add(n.get("_id").asText());
                    texts.add(title.isEmpty() ? body : title + "\n\n" + body);
                }
            }
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels/test.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 3 && !f[0].equals("query-id")) {
                qrels.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], Integer.parseInt(f[2].strip()));
            }
        }
        Map<String, String> queries = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    queries.put(n.get("_id").asText(), n.get("text").asText());
                }
            }
        }
        // BM25 rankings (chunk id = index in ids + 1)
        Map<String, List<RankedHit>> bm25 = new HashMap<>();
        try (ByteBuffersDirectory d = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(IndexFields.analyzer()))) {
                for (int i = 0; i < ids.size(); i++) {
                    Chunk c = new Chunk(i + 1, i + 1, 1, 0, texts.get(i), null, null, null, 0, texts.get(i).length());
                    w.addDocument(LuceneChunkWriter.toLucene(c, ids.get(i) + ".txt", CollectionLanguage.EN));
                }
            }
            LexicalQuery lexical = new LexicalQuery(IndexFields.analyzer(), true);
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String q : qrels.keySet()) {
                    List<RankedHit> hits = new ArrayList<>();
                    for (ScoreDoc sd : searcher.search(lexical.build(queries.get(q),
                            Map.of(CollectionLanguage.EN, List.of(1L))), DEPTH).scoreDocs) {
                        long key = searcher.storedFields().document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
                        hits.add(new RankedHit(key, sd.score));
                    }
                    bm25.put(q, hits);
                }
            }
        }
        Map<EmbeddingModels, Map<String, List<RankedHit>>> dense = new LinkedHashMap<>();
        for (EmbeddingModels m : List.of(EmbeddingModels.BGE_SMALL_EN_V15_Q, EmbeddingModels.E5_SMALL_V2_Q)) {
            EmbeddingModel model = m.load(Integer.getInteger("bench.threads", 1));
            List<float[]> vectors = vectors(m, model, texts);
            Map<String, List<RankedHit>> byQuery = new HashMap<>();
            for (String q : qrels.keySet()) {
                float[] qv = model.embed(m.queryText(queries.get(q))).content().vector();
                byQuery.put(q, top(qv, vectors));
            }
            dense.put(m, byQuery);
        }
        Map<String, List<RankedHit>> bge = dense.get(EmbeddingModels.BGE_SMALL_EN_V15_Q);
        Map<String, List<RankedHit>> e5 = dense.get(EmbeddingModels.E5_SMALL_V2_Q);
        System.out.printf(Locale.ROOT, "%nSciFact: %d documents, %d judged queries, depth %d%n%n| variant | nDCG@10 |%n|---|---:|%n",
                ids.size(), qrels.size(), DEPTH);
        row("bm25", ids, qrels, q -> bm25.get(q));
        row("bge-small", ids, qrels, q -> bge.get(q));
        row("e5-small", ids, qrels, q -> e5.get(q));
        for (int k : new int[] {10, 20, 40, 60, 100}) {
            for (double wb : new double[] {0.5, 0.7, 1.0, 1.3}) {
                row("RRF k=" + k + " bm25 " + wb + " + bge 1", ids, qrels,
                        q -> fuse(k, List.of(bm25.get(q), bge.get(q)), wb, 1.0));
            }
            row("RRF k=" + k + " bge 1 + e5 1", ids, qrels, q -> fuse(k, List.of(bge.get(q), e5.get(q)), 1.0, 1.0));
            for (double wb : new double[] {0.5, 1.0, 1.5, 2.0}) {
                row("RRF k=" + k + " bm25 " + wb + " + bge 1 + e5 1", ids, qrels,
                        q -> fuse(k, List.of(bm25.get(q), bge.get(q), e5.get(q)), wb, 1.0, 1.0));
            }
        }
    }

    private static List<RankedHit> fuse(int k, List<List<RankedHit>> rankings, double... weights) {
        List<WeightedRanking> in = new ArrayList<>();
        for (int i = 0; i < rankings.size(); i++) {
            in.add(new WeightedRanking(rankings.get(i), weights[i]));
        }
        return new ReciprocalRankFusion(k).fuse(in).stream().map(f -> new RankedHit(f.chunkId(), f.score())).toList();
    }

    private static void row(String name, List<String> ids, Map<String, Map<String, Integer>> qrels,
            java.util.function.Function<String, List<RankedHit>> ranking) {
        double sum = 0;
        for (var q : qrels.entrySet()) {
            List<Integer> gains = new ArrayList<>();
            for (RankedHit h : ranking.apply(q.getKey()).subList(0, Math.min(10, ranking.apply(q.getKey()).size()))) {
                gains.add(q.getValue().getOrDefault(ids.get((int) h.chunkId() - 1), 0));
            }
            sum += Metrics.ndcgAt(10, gains, q.getValue().values().stream().sorted((a, b) -> b - a).toList());
        }
        System.out.printf(Locale.ROOT, "| %s | %.4f |%n", name, sum / qrels.size());
    }

    private static List<float[]> vectors(EmbeddingModels m, EmbeddingModel model, List<String> texts) throws Exception {
        Path cache = Path.of("target/scifact-" + m.id() + ".vectors");
        List<float[]> out = new ArrayList<>(texts.size());
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    float[] v = new float[EmbeddingModels.DIMENSION];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                    out.add(v);
                }
            }
            if (out.size() == texts.size()) {
                return out;
            }
            out.clear();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 32) {
            List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + 32)).stream()
                    .map(t -> TextSegment.from(m.passageText(t))).toList();
            model.embedAll(batch).content().forEach(e -> out.add(e.vector()));
        }
        System.out.printf(Locale.ROOT, "%s: %d passages embedded in %.0f s%n", m.id(), out.size(), (System.nanoTime() - t0) / 1e9);
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            o.writeInt(out.size());
            for (float[] v : out) {
                for (float f : v) {
                    o.writeFloat(f);
                }
            }
        }
        return out;
    }

    private static List<RankedHit> top(float[] q, List<float[]> vectors) {
        List<RankedHit> all = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            all.add(new RankedHit(i + 1, Embedder.cosine(q, vectors.get(i))));
        }
        all.sort(Comparator.comparingDouble(RankedHit::score).reversed().thenComparingLong(RankedHit::chunkId));
        return all.subList(0, Math.min(DEPTH, all.size()));
    }
}
