package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingModels;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.BufferedReader;
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

/**
 * Compares the in-process embedding models on BEIR SciFact (../shared/eval/scifact): dense-only nDCG@10 and
 * Recall@10 over the full corpus (exact cosine search), and embedding throughput on the corpus passages and
 * on the queries. Prints a Markdown table. Usage: scripts/bench.sh embeddings [maxDocs]
 */
public final class EmbeddingModelBenchmark {

    private EmbeddingModelBenchmark() {
    }

    record Doc(String id, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact");
        int maxDocs = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"))) {
            for (String line = r.readLine(); line != null && docs.size() < maxDocs; line = r.readLine()) {
                JsonNode n = json.readTree(line);
                docs.add(new Doc(n.get("_id").asText(), n.get("title").asText() + "\n" + n.get("text").asText()));
            }
        }
        Map<String, Set<String>> qrels = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels/test.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 3 && !f[0].equals("query-id") && Integer.parseInt(f[2]) > 0) {
                qrels.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
            }
        }
        Set<String> docIds = new HashSet<>();
        docs.forEach(d -> docIds.add(d.id()));
        Map<String, String> queries = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = json.readTree(line);
                String id = n.get("_id").asText();
                if (qrels.containsKey(id) && qrels.get(id).stream().anyMatch(docIds::contains)) {
                    queries.put(id, n.get("text").asText());
                }
            }
        }
        System.out.printf(Locale.ROOT, "SciFact: %d documents, %d test queries; %d cores, max heap %d MB%n%n",
                docs.size(), queries.size(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| model | max tokens | nDCG@10 | Recall@10 | passages/s | queries/s | load ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (EmbeddingModels m : EmbeddingModels.values()) {
            long t0 = System.nanoTime();
            EmbeddingModel model = m.load();
            model.embed("warm up");
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            long p0 = System.nanoTime();
            List<float[]> vectors = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i += 32) {
                List<TextSegment> batch = docs.subList(i, Math.min(docs.size(), i + 32)).stream()
                        .map(d -> TextSegment.from(m.passageText(d.text()))).toList();
                model.embedAll(batch).content().forEach(e -> vectors.add(e.vector()));
            }
            double passagesPerSecond = docs.size() / ((System.nanoTime() - p0) / 1e9);
            double ndcg = 0;
            double recall = 0;
            long q0 = System.nanoTime();
            for (Map.Entry<String, String> q : queries.entrySet()) {
                float[] qv = model.embed(m.queryText(q.getValue())).content().vector();
                List<Integer> top = top(qv, vectors, 10);
                Set<String> relevant = qrels.get(q.getKey());
                double dcg = 0;
                int hits = 0;
                for (int rank = 0; rank < top.size(); rank++) {
                    if (relevant.contains(docs.get(top.get(rank)).id())) {
                        dcg += 1 / (Math.log(rank + 2) / Math.log(2));
                        hits++;
                    }
                }
                double idcg = 0;
                for (int rank = 0; rank < Math.min(10, relevant.size()); rank++) {
                    idcg += 1 / (Math.log(rank + 2) / Math.log(2));
                }
                ndcg += dcg / idcg;
                recall += (double) hits / relevant.size();
            }
            double queriesPerSecond = queries.size() / ((System.nanoTime() - q0) / 1e9);
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.1f | %.1f | %d |%n", m.id(), m.maxTokens(),
                    ndcg / queries.size(), recall / queries.size(), passagesPerSecond, queriesPerSecond, loadMs);
        }
    }

    private static List<Integer> top(float[] q, List<float[]> vectors, int k) {
        List<Integer> idx = new ArrayList<>(vectors.size());
        double[] scores = new double[vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            scores[i] = Embedder.cosine(q, vectors.get(i));
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        return idx.subList(0, Math.min(k, idx.size()));
    }
}
