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
 * With 0 copies DIR is an existing index (e.g. a copy of {@code target/bench-scale/data/index}) and DATASET may be
 * a file of questions, one a line ({@code src/test/resources/bench/postgres-questions.txt}).
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
        ByteBuffersDirectory index = new ByteBuffersDirectory();
        int chunks = 0;
        try (IndexWriter w = new IndexWriter(index, new IndexWriterConfig(IndexFields.analyzer()))) {
            for (String[] part : parts(dir)) {
                long id = ++chunks;
                Chunk c = new Chunk(id, id, 1 + id % COLLECTIONS, 0, part[1], null, null, null, 0, part[1].length());
                w.addDocument(LuceneChunkWriter.toLucene(c, part[0], CollectionLanguage.EN));
            }
        }
        List<String> queries = queries(dir);
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
        if (copies > 0 && !Files.exists(indexDir.resolve("done"))) {
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
        List<String> queries = Files.isRegularFile(dataset) ? Files.readAllLines(dataset).stream().map(String::strip)
                .filter(q -> !q.isEmpty()).toList() : queries(dataset);
        TOP = 51; // the app's depth 50, plus one to see ties at the cut
        LexicalQuery lexical = new LexicalQuery(IndexFields.analyzer());
        try (FSDirectory d = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(d)) {
            System.out.printf(Locale.ROOT, "%n%d chunks (%d segments), %d queries x %d rounds, "
                    + "top 51, warm statistics unless said%n%n", reader.numDocs(), reader.leaves().size(),
                    queries.size(), rounds);
            System.out.println("| scope | with filter | without filter (when the scope holds every document) | "
                    + "plain searcher, no filter or scoped statistics (floor) | first query of a scope, statistics "
                    + "included | same top 51 with and without filter |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            IndexSearcher plain = new IndexSearcher(reader);
            List<Long> present = new ArrayList<>(); // the collections of the index, from its terms
            var terms = org.apache.lucene.index.MultiTerms.getTerms(reader, IndexFields.COLLECTION_ID).iterator();
            for (var t = terms.next(); t != null; t = terms.next()) {
                present.add(Long.parseLong(t.utf8ToString()));
            }
            present.sort(null);
            for (int size : new int[] {1, present.size() - 1, present.size()}) {
                List<Long> scope = present.subList(0, size);
                ScopedSearcher.Cache warm = new ScopedSearcher.Cache();
                long s0 = threadCpu();
                boolean covers = warm.searcher(reader, scope).coversIndex();
                double scopeSetUp = (threadCpu() - s0) / 1e6;
                List<Query> filtered = queries.stream()
                        .map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope), true)).toList();
                List<Query> unfiltered = queries.stream()
                        .map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope), !covers)).toList();
                int same = 0;
                for (int i = 0; i < queries.size(); i++) {
                    ScopedSearcher s = warm.searcher(reader, scope);
                    if (Arrays.equals(ids(s.search(filtered.get(i), TOP)), ids(s.search(unfiltered.get(i), TOP)))) {
                        same++;
                    }
                }
                double[] with = cpu(filtered, rounds, q -> warm.searcher(reader, scope));
                double[] without = cpu(unfiltered, rounds, q -> warm.searcher(reader, scope));
                List<Query> plainQueries = queries.stream()
                        .map(q -> lexical.build(q, Map.of(CollectionLanguage.EN, scope), size < present.size()))
                        .toList();
                double[] floor = cpu(plainQueries, rounds, q -> plain);
                int sameTop = 0;
                for (Query q : unfiltered) {
                    ScopedSearcher s = warm.searcher(reader, scope);
                    List<String> now = io.docqa.retrieve.bm25.Bm25Retriever.top(s, q, TOP - 1).stream()
                            .map(h -> h.chunkId() + ":" + h.score()).toList();
                    sameTop += now.equals(doublingTop(s, q, TOP - 1)) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "  (Bm25Retriever.top against the doubling search it replaced: "
                        + "%d of %d queries give the same chunks and scores)%n", sameTop, queries.size());
                double[] cold = cpu(unfiltered, 1, q -> new ScopedSearcher.Cache().searcher(reader, scope));
                long[] fetched = new long[1];
                double[] ties = measure(unfiltered, rounds, q -> warm.searcher(reader, scope),
                        java.lang.management.ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime, fetched);
                System.out.printf(Locale.ROOT, "| %d of %d collections%s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f "
                        + "| %.2f / %.2f | %d of %d |%n", size, present.size(), covers ? " (holds every document)" : "",
                        with[0], with[2], without[0], without[2], floor[0], floor[2], cold[0], cold[2], same,
                        queries.size());
                System.out.printf(Locale.ROOT, "  (scope bit sets and coverage: %.1f ms CPU once per reader and scope; "
                        + "as the retriever (Bm25Retriever.top: hits tied at the cut kept, chunk ids read): %.2f / %.2f ms)%n",
                        scopeSetUp, ties[0], ties[2]);
            }
            System.out.println("\nCPU ms of the searching thread per query (median / mean), after warm-up rounds; "
                    + "load average " + Files.readString(Path.of("/proc/loadavg")).strip());
        }
        System.out.println();
    }

    /** The retriever's top hits (ties at the cut collected, chunk ids read): how many chunk ids it read. */
    private static int retrieverTop(IndexSearcher searcher, Query query, int depth) throws java.io.IOException {
        return io.docqa.retrieve.bm25.Bm25Retriever.top(searcher, query, depth).size();
    }

    /** The retriever's earlier top hits: the search repeated with twice the hits while the cut was tied. */
    private static List<String> doublingTop(IndexSearcher searcher, Query query, int depth) throws java.io.IOException {
        int n = depth + 1;
        var top = searcher.search(query, n);
        while (top.scoreDocs.length == n && top.scoreDocs[n - 1].score == top.scoreDocs[depth - 1].score) {
            n *= 2;
            top = searcher.search(query, n);
        }
        var stored = searcher.storedFields();
        List<String> out = new ArrayList<>();
        List<io.docqa.retrieve.core.RankedHit> ranked = new ArrayList<>();
        for (var sd : top.scoreDocs) {
            ranked.add(new io.docqa.retrieve.core.RankedHit(
                    stored.document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue(), sd.score));
        }
        ranked.sort(java.util.Comparator.comparingDouble(io.docqa.retrieve.core.RankedHit::score).reversed()
                .thenComparingLong(io.docqa.retrieve.core.RankedHit::chunkId));
        ranked.stream().limit(depth).forEach(h -> out.add(h.chunkId() + ":" + h.score()));
        return out;
    }

    private static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String[] ids(org.apache.lucene.search.TopDocs top) {
        return Arrays.stream(top.scoreDocs).map(sd -> sd.doc + ":" + sd.score).toArray(String[]::new);
    }

    interface SearcherFor {
        IndexSearcher get(Query q) throws Exception;
    }

    /** p50 and p95 in milliseconds of the last round (the earlier ones warm the JIT). */
    private static double[] time(List<Query> queries, int rounds, SearcherFor searcher) throws Exception {
        return measure(queries, rounds, searcher, System::nanoTime);
    }

    /** Median and mean CPU milliseconds of this thread per query, over the last round (the earlier ones warm up). */
    private static double[] cpu(List<Query> queries, int rounds, SearcherFor searcher) throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return measure(queries, rounds, searcher, threads::getCurrentThreadCpuTime);
    }

    private static double[] measure(List<Query> queries, int rounds, SearcherFor searcher,
            java.util.function.LongSupplier clock) throws Exception {
        return measure(queries, rounds, searcher, clock, null);
    }

    /** With {@code fetched}, each query as Bm25Retriever.top runs it, adding the hits read in the last round. */
    private static double[] measure(List<Query> queries, int rounds, SearcherFor searcher,
            java.util.function.LongSupplier clock, long[] fetched) throws Exception {
        long[] nanos = new long[queries.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < queries.size(); i++) {
                long start = clock.getAsLong();
                IndexSearcher s = searcher.get(queries.get(i));
                if (fetched == null) {
                    s.search(queries.get(i), TOP);
                } else {
                    int read = retrieverTop(s, queries.get(i), TOP - 1);
                    if (round == rounds - 1) {
                        fetched[0] += read;
                    }
                }
                nanos[i] = clock.getAsLong() - start;
            }
        }
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        Arrays.sort(nanos);
        return new double[] {nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6, mean};
    }
}
