package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.retrieve.bm25.LexicalQuery;
import io.docqa.retrieve.bm25.ScopedSearcher;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Cost of scope-local BM25 statistics ({@link ScopedSearcher}): SciFact (default ../shared/eval/scifact) cut into
 * two chunks per record (~10,000 chunks) spread over 10 collections; the test queries searched (top 20) with the
 * shared searcher (index-wide statistics, as before) and with the scoped one, warm (statistics of the scope cached
 * for the searcher generation) and cold (the first query of a scope after a refresh). Prints p50/p95 per scope size.
 * Usage: scripts/bench.sh scoped-stats [dataset] [rounds]
 */
public final class ScopedStatisticsBenchmark {

    private static final int COLLECTIONS = 10;

    private ScopedStatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ObjectMapper json = new ObjectMapper();
        ByteBuffersDirectory index = new ByteBuffersDirectory();
        int chunks = 0;
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"));
                IndexWriter w = new IndexWriter(index, new IndexWriterConfig(IndexFields.analyzer()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String text = n.path("text").asText("");
                int cut = text.indexOf(". ", text.length() / 2);
                for (String part : cut < 0 ? List.of(text) : List.of(text.substring(0, cut + 1), text.substring(cut + 2))) {
                    long id = ++chunks;
                    Chunk c = new Chunk(id, id, 1 + id % COLLECTIONS, 0, part, null, null, null, 0, part.length());
                    w.addDocument(LuceneChunkWriter.toLucene(c, n.path("title").asText("doc"), CollectionLanguage.EN));
                }
            }
        }
        List<String> queries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"))) {
            for (String line = r.readLine(); line != null && queries.size() < 300; line = r.readLine()) {
                if (!line.isBlank()) {
                    queries.add(json.readTree(line).get("text").asText());
                }
            }
        }
        LexicalQuery lexical = new LexicalQuery(IndexFields.analyzer());
        System.out.printf(Locale.ROOT, "%n%d chunks in %d collections, %d queries x %d rounds, top 20%n%n", chunks,
                COLLECTIONS, queries.size(), rounds);
        System.out.println("| scope | index-wide stats p50 / p95 ms | scoped, warm p50 / p95 ms | scoped, cold p50 / p95 ms |");
        System.out.println("|---|---:|---:|---:|");
        try (DirectoryReader reader = DirectoryReader.open(index)) {
            IndexSearcher shared = new IndexSearcher(reader);
            for (int size : new int[] {1, 3, COLLECTIONS}) {
                List<Long> scope = new ArrayList<>();
                for (long c = 1; c <= size; c++) {
                    scope.add(c);
                }
                List<Query> built = queries.stream().map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope))).toList();
                ScopedSearcher.Cache warm = new ScopedSearcher.Cache();
                double[] before = time(built, rounds, q -> shared);
                double[] scoped = time(built, rounds, q -> warm.searcher(reader, scope));
                double[] cold = time(built, rounds, q -> new ScopedSearcher.Cache().searcher(reader, scope));
                System.out.printf(Locale.ROOT, "| %d of %d collections | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |%n",
                        size, COLLECTIONS, before[0], before[1], scoped[0], scoped[1], cold[0], cold[1]);
            }
        }
        System.out.println();
    }

    interface SearcherFor {
        IndexSearcher get(Query q) throws Exception;
    }

    /** p50 and p95 in milliseconds of the last round (the earlier ones warm the JIT). */
    private static double[] time(List<Query> queries, int rounds, SearcherFor searcher) throws Exception {
        long[] nanos = new long[queries.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < queries.size(); i++) {
                long start = System.nanoTime();
                searcher.get(queries.get(i)).search(queries.get(i), 20);
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return new double[] {nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6};
    }
}
