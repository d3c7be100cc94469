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
import org.apache.lucene.store.FSDirectory;

/**
 * Cost of scope-local BM25 statistics ({@link ScopedSearcher}): SciFact (default ../shared/eval/scifact) cut into
 * two chunks per record (~10,000 chunks) spread over 10 collections; the test queries searched (top 20) with the
 * shared searcher (index-wide statistics, as before) and with the scoped one, warm (statistics of the scope cached
 * for the searcher generation) and cold (the first query of a scope after a refresh). Prints p50/p95 per scope size.
 * Usage: scripts/bench.sh scoped-stats [dataset] [rounds]
 *
 * <p>With a number of copies and a directory ({@code scoped-stats DATASET ROUNDS COPIES DIR}) the chunks are
 * indexed {@code COPIES} times into an index on disk (kept in DIR for the next run), collection after collection as
 * the app's bulk rebuild writes them (10 collections, each holding COPIES / 10 copies of every chunk): about
 * 1,000,000 chunks with 100 copies, the layout of {@code scripts/bench.sh scale}. The table then compares, per
 * scope, the search with the collection filter against the one without (used when the scope holds every document)
 * and a plain searcher without filter or scoped statistics (the floor), warm; and the first query's statistics.
 */
public final class ScopedStatisticsBenchmark {

    private static final int COLLECTIONS = 10;
    private static int TOP = 20;

    private ScopedStatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/eval/scifact");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (args.length > 3) {
            copies(dir, rounds, Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
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

    /** Parts of SciFact's records (two per record), as {@code (title, text)}. */
    private static List<String[]> parts(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String[]> parts = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("corpus.jsonl"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String text = n.path("text").asText("");
                int cut = text.indexOf(". ", text.length() / 2);
                for (String part : cut < 0 ? List.of(text) : List.of(text.substring(0, cut + 1), text.substring(cut + 2))) {
                    parts.add(new String[] {n.path("title").asText("doc"), part});
                }
            }
        }
        return parts;
    }

    private static List<String> queries(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> queries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("queries.jsonl"))) {
            for (String line = r.readLine(); line != null && queries.size() < 300; line = r.readLine()) {
                if (!line.isBlank()) {
                    queries.add(json.readTree(line).get("text").asText());
                }
            }
        }
        return queries;
    }

    private static void copies(Path dataset, int rounds, int copies, Path indexDir) throws Exception {
        int perCollection = Math.max(1, copies / COLLECTIONS);
        long built = System.nanoTime();
        if (!Files.exists(indexDir.resolve("done"))) {
            List<String[]> parts = parts(dataset);
            IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer()).setRAMBufferSizeMB(128);
            try (FSDirectory d = FSDirectory.open(indexDir); IndexWriter w = new IndexWriter(d, config)) {
                w.deleteAll();
                long id = 0;
                for (long collection = 1; collection <= COLLECTIONS; collection++) {
                    for (int copy = 0; copy < perCollection; copy++) {
                        for (String[] part : parts) {
                            id++;
                            Chunk c = new Chunk(id, id / 2, collection, 0, part[1], null, null, null, 0,
                                    part[1].length());
                            w.addDocument(LuceneChunkWriter.toLucene(c, part[0], CollectionLanguage.EN));
                        }
                    }
                    System.out.printf(Locale.ROOT, "collection %d indexed (%d chunks, %.0f s)%n", collection, id,
                            (System.nanoTime() - built) / 1e9);
                }
                w.commit();
            }
            Files.writeString(indexDir.resolve("done"), "");
        }
        List<String> queries = queries(dataset);
        TOP = 51; // the app's depth 50, plus one to see ties at the cut
        LexicalQuery lexical = new LexicalQuery(IndexFields.analyzer());
        try (FSDirectory d = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(d)) {
            System.out.printf(Locale.ROOT, "%n%d chunks in %d collections (%d segments), %d queries x %d rounds, "
                    + "top 51, warm statistics unless said%n%n", reader.numDocs(), COLLECTIONS, reader.leaves().size(),
                    queries.size(), rounds);
            System.out.println("| scope | with filter p50 / p95 ms | without filter p50 / p95 ms | plain searcher, "
                    + "no filter p50 / p95 ms | first query of a scope (statistics) p50 / p95 ms | same top 51 |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            IndexSearcher plain = new IndexSearcher(reader);
            for (int size : new int[] {1, COLLECTIONS}) {
                List<Long> scope = new ArrayList<>();
                for (long c = 1; c <= size; c++) {
                    scope.add(c);
                }
                ScopedSearcher.Cache warm = new ScopedSearcher.Cache();
                boolean covers = warm.searcher(reader, scope).coversIndex();
                List<Query> filtered = queries.stream()
                        .map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope), true)).toList();
                List<Query> unfiltered = queries.stream()
                        .map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope), !covers)).toList();
                int same = 0;
                for (int i = 0; i < queries.size(); i++) {
                    ScopedSearcher s = warm.searcher(reader, scope);
                    if (Arrays.equals(ids(s.search(filtered.get(i), 51)), ids(s.search(unfiltered.get(i), 51)))) {
                        same++;
                    }
                }
                double[] with = time(filtered, rounds, q -> warm.searcher(reader, scope));
                double[] without = time(unfiltered, rounds, q -> warm.searcher(reader, scope));
                List<Query> plainQueries = queries.stream()
                        .map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope), false)).toList();
                double[] floor = time(plainQueries, rounds, q -> plain);
                double[] cold = time(unfiltered, 1, q -> new ScopedSearcher.Cache().searcher(reader, scope));
                System.out.printf(Locale.ROOT, "| %d of %d collections%s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f "
                        + "| %.2f / %.2f | %d of %d |%n", size, COLLECTIONS, covers ? " (covers the index)" : "",
                        with[0], with[1], without[0], without[1], floor[0], floor[1], cold[0], cold[1], same,
                        queries.size());
            }
        }
        System.out.println();
    }

    private static String[] ids(org.apache.lucene.search.TopDocs top) {
        return Arrays.stream(top.scoreDocs).map(sd -> sd.doc + ":" + sd.score).toArray(String[]::new);
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
                searcher.get(queries.get(i)).search(queries.get(i), TOP);
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return new double[] {nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6};
    }
}
