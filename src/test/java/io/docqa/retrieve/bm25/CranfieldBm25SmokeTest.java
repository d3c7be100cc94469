package io.docqa.retrieve.bm25;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.evaluate.Metrics;
import io.docqa.ingest.index.LuceneChunkWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cranfield (1,400 aeronautics abstracts, 225 queries, graded judgements) through the BM25 field layout, query
 * builder and metrics of DocQA, on a Lucene index on disk: a seconds-long check that lexical retrieval works.
 * Measured nDCG@10 (graded judgements of QRelsCorrectedforTRECeval): 0.5213 with English analysis, 0.5071
 * without stemming. The floor catches an analyzer or query that stops matching words; the second test catches
 * lost stemming.
 */
class CranfieldBm25SmokeTest {

    static final Path CRANFIELD = Path.of("../shared/eval/cranfield");
    static final double NDCG10_FLOOR = 0.50;
    private static final long COLLECTION = 1;

    @TempDir
    static Path indexDir;

    static Map<String, String> docs = new LinkedHashMap<>();
    static List<String> queries = new ArrayList<>();
    static Map<Integer, Map<String, Integer>> grades = new HashMap<>();
    static Map<CollectionLanguage, Double> measured = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CRANFIELD), "shared/eval is beside the project");
        smart(CRANFIELD.resolve("cran.all.1400"), (id, fields) ->
                docs.put(id, (fields.getOrDefault("T", "") + "\n\n" + fields.getOrDefault("W", "")).strip()));
        smart(CRANFIELD.resolve("cran.qry"), (id, fields) -> queries.add(fields.getOrDefault("W", "").strip()));
        // the query file numbers queries with gaps; the judgements number them 1..225 in file order
        for (String line : Files.readAllLines(CRANFIELD.resolve("QRelsCorrectedforTRECeval"), StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 4 && Integer.parseInt(f[3]) > 0) {
                grades.computeIfAbsent(Integer.parseInt(f[0]), q -> new HashMap<>()).put(f[2], Integer.parseInt(f[3]));
            }
        }
    }

    @Test
    void bm25_with_english_analysis_reaches_the_published_range() throws IOException {
        double ndcg = ndcg10(CollectionLanguage.EN);
        assertEquals(1400, docs.size());
        assertEquals(225, queries.size());
        assertTrue(ndcg >= NDCG10_FLOOR, "nDCG@10 " + ndcg + " under the floor " + NDCG10_FLOOR);
    }

    @Test
    void stemming_is_worth_something_on_cranfield() throws IOException {
        double english = ndcg10(CollectionLanguage.EN);
        double plain = ndcg10(CollectionLanguage.NONE);
        assertTrue(english > plain, "English " + english + " vs no stemming " + plain);
    }

    private static synchronized double ndcg10(CollectionLanguage language) throws IOException {
        Double known = measured.get(language);
        if (known == null) {
            known = measure(language);
            measured.put(language, known);
        }
        return known;
    }

    private static double measure(CollectionLanguage language) throws IOException {
        Path dir = indexDir.resolve(language.code());
        try (FSDirectory directory = FSDirectory.open(dir)) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(IndexFields.analyzer()))) {
                for (var d : docs.entrySet()) {
                    long id = Long.parseLong(d.getKey());
                    Chunk chunk = new Chunk(id, id, COLLECTION, 0, d.getValue(), null, null, null, 0, d.getValue().length());
                    writer.addDocument(LuceneChunkWriter.toLucene(chunk, d.getKey() + ".txt", language));
                }
            }
            LexicalQuery builder = new LexicalQuery(IndexFields.analyzer());
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                double sum = 0;
                int judged = 0;
                for (int q = 0; q < queries.size(); q++) {
                    Map<String, Integer> g = grades.getOrDefault(q + 1, Map.of());
                    if (g.isEmpty()) {
                        continue;
                    }
                    judged++;
                    ScoreDoc[] top = searcher.search(builder.build(queries.get(q),
                            Map.of(language, List.of(COLLECTION))), 10).scoreDocs;
                    List<Integer> gains = new ArrayList<>();
                    for (ScoreDoc sd : top) {
                        long chunkId = searcher.storedFields().document(sd.doc).getField(IndexFields.CHUNK_ID)
                                .numericValue().longValue();
                        gains.add(g.getOrDefault(Long.toString(chunkId), 0));
                    }
                    List<Integer> ideal = g.values().stream().sorted((a, b) -> b - a).toList();
                    sum += Metrics.ndcgAt(10, gains, ideal);
                }
                double ndcg = sum / judged;
                System.out.printf(Locale.ROOT, "Cranfield BM25 (%s analysis): nDCG@10 %.4f over %d queries%n",
                        language.code(), ndcg, judged);
                return ndcg;
            }
        }
    }

    /** Reads a SMART file: records start with ".I id", fields with ".X" on a line of their own. */
    private static void smart(Path file, java.util.function.BiConsumer<String, Map<String, String>> record)
            throws IOException {
        String id = null;
        String field = null;
        Map<String, StringBuilder> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(".I ")) {
                if (id != null) {
                    record.accept(id, flatten(fields));
                }
                id = Integer.toString(Integer.parseInt(line.substring(3).strip()));
                fields = new LinkedHashMap<>();
                field = null;
            } else if (line.length() == 2 && line.charAt(0) == '.') {
                field = line.substring(1);
                fields.put(field, new StringBuilder());
            } else if (field != null) {
                fields.get(field).append(line).append('\n');
            }
        }
        if (id != null) {
            record.accept(id, flatten(fields));
        }
    }

    private static Map<String, String> flatten(Map<String, StringBuilder> fields) {
        Map<String, String> out = new HashMap<>();
        fields.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }
}
