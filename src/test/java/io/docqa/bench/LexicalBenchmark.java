package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.evaluate.Metrics;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.retrieve.bm25.LexicalQuery;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

/**
 * BM25 alone on a BEIR dataset (default ../shared/eval/scifact), one Lucene document per corpus record (no
 * chunking, no embedding), to see what the lexical layout and query do: DocQA's fields and query with and without
 * the identifier field, and an Anserini-style single "contents" field (title + text, English analysis).
 * Prints a Markdown table of nDCG@10. Usage: scripts/bench.sh lexical [dataset]
 */
public final class LexicalBenchmark {

    private static final long COLLECTION = 1;
    private static final String CONTENTS = "contents";

    private LexicalBenchmark() {
    }

    record Doc(long key, String id, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact");
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    String title = n.path("title").asText("").strip();
                    String body = n.path("text").asText("").strip();
                    docs.add(new Doc(docs.size() + 1, n.get("_id").asText(), title.isEmpty() ? body : title + "\n\n" + body));
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
        Path tmp = Files.createTempDirectory("docqa-lexical-bench");
        System.out.printf(Locale.ROOT, "%n%s: %d documents, %d judged queries%n%n", dir, docs.size(), qrels.size());
        System.out.println("| layout | nDCG@10 |");
        System.out.println("|---|---:|");
        LexicalQuery withIdent = new LexicalQuery(IndexFields.analyzer(), true);
        LexicalQuery withoutIdent = new LexicalQuery(IndexFields.analyzer(), false);
        Path docqa = tmp.resolve("docqa");
        index(docqa, IndexFields.analyzer(), docs, d -> {
            Chunk c = new Chunk(d.key(), d.key(), COLLECTION, 0, d.text(), null, null, null, 0, d.text().length());
            return LuceneChunkWriter.toLucene(c, d.id() + ".txt", CollectionLanguage.EN);
        });
        row("DocQA fields (text, headings 1.5, title 1.2) + ident 2.0", docqa, docs, qrels, queries,
                q -> withIdent.build(q, Map.of(CollectionLanguage.EN, List.of(COLLECTION))));
        row("DocQA fields without ident", docqa, docs, qrels, queries,
                q -> withoutIdent.build(q, Map.of(CollectionLanguage.EN, List.of(COLLECTION))));
        Path flat = tmp.resolve("flat");
        EnglishAnalyzer english = new EnglishAnalyzer();
        index(flat, english, docs, d -> {
            Document doc = new Document();
            doc.add(new StoredField(IndexFields.CHUNK_ID, d.key()));
            doc.add(new TextField(CONTENTS, d.text(), Field.Store.NO));
            return doc;
        });
        QueryParser parser = new QueryParser(CONTENTS, english);
        row("Anserini-style flat: one contents field (title + text)", flat, docs, qrels, queries, q -> {
            try {
                return parser.parse(QueryParser.escape(q));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println();
    }

    private static void index(Path path, Analyzer analyzer, List<Doc> docs, Function<Doc, Document> toLucene)
            throws Exception {
        try (FSDirectory dir = FSDirectory.open(path);
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (Doc d : docs) {
                w.addDocument(toLucene.apply(d));
            }
        }
    }

    private static void row(String name, Path path, List<Doc> docs, Map<String, Map<String, Integer>> qrels,
            Map<String, String> queries, Function<String, Query> query) throws Exception {
        Map<Long, String> idByKey = new HashMap<>();
        docs.forEach(d -> idByKey.put(d.key(), d.id()));
        try (FSDirectory dir = FSDirectory.open(path); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            double sum = 0;
            for (var q : qrels.entrySet()) {
                ScoreDoc[] top = searcher.search(query.apply(queries.get(q.getKey())), 10).scoreDocs;
                List<Integer> gains = new ArrayList<>();
                for (ScoreDoc sd : top) {
                    long key = searcher.storedFields().document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
                    gains.add(q.getValue().getOrDefault(idByKey.get(key), 0));
                }
                sum += Metrics.ndcgAt(10, gains, q.getValue().values().stream().sorted((a, b) -> b - a).toList());
            }
            System.out.printf(Locale.ROOT, "| %s | %.4f |%n", name, sum / qrels.size());
        }
    }
}
