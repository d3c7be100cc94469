package io.docqa.retrieve.bm25;

import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.IndexFields;
import io.docqa.corpus.IndexVisibility;
import io.docqa.corpus.LuceneStore;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RankedRetriever;
import io.docqa.retrieve.core.RetrievalQuery;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.PriorityQueue;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Term;

/**
 * BM25 over the Lucene index: chunk text, heading path (boosted), document name and clause identifiers, each
 * collection analyzed in its own language (see {@link LexicalQuery}). The collection filter and the document
 * restriction of a metadata filter are FILTER clauses of the Lucene query, so filtering never costs recall.
 */
@ApplicationScoped
public class Bm25Retriever implements RankedRetriever {

    private final SearcherManager searchers;
    private final CollectionRepository languages;
    private final IndexVisibility visibility;
    private final LuceneStore store;
    /** The writer's commit count the searcher was last reopened for ({@link LuceneStore#commits}). */
    private volatile long refreshedFor = -1;
    private static final org.apache.lucene.analysis.Analyzer ANALYZER = IndexFields.analyzer();
    private final LexicalQuery queries = new LexicalQuery(ANALYZER);
    /** BM25 statistics of each scope's own documents (see {@link ScopedSearcher}). */
    private final ScopedSearcher.Cache scoped = new ScopedSearcher.Cache();

    public Bm25Retriever(LuceneStore store, CollectionRepository languages, IndexVisibility visibility) {
        this.visibility = visibility;
        this.languages = languages;
        this.store = store;
        try {
            this.searchers = new SearcherManager(store.directory(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Lucene index for searching", e);
        }
    }

    @Override
    public List<RankedHit> rank(AccessScope scope, RetrievalQuery query, int depth) {
        if (query.matchesNothing(scope)) {
            return List.of();
        }
        Map<CollectionLanguage, List<Long>> byLanguage = byLanguage(scope);
        if (byLanguage.isEmpty()) {
            return List.of();
        }
        try {
            refresh();
            IndexSearcher shared = searchers.acquire();
            try {
                // the collections the query filters on: those of the scope that still exist
                List<Long> searched = byLanguage.values().stream().flatMap(List::stream).toList();
                ScopedSearcher searcher = scoped.searcher(shared.getIndexReader(), searched);
                // a scope holding every document of the index needs no collection filter: same hits, same scores
                Query filtered = queries.build(query.lexicalQueryText(), byLanguage, !searcher.coversIndex());
                if (filtered instanceof MatchNoDocsQuery) {
                    return List.of();
                }
                if (query.restrictsDocuments()) {
                    List<BytesRef> ids = query.documentIds().stream().map(id -> new BytesRef(Long.toString(id)))
                            .toList();
                    filtered = new BooleanQuery.Builder()
                            .add(filtered, Occur.MUST)
                            .add(new TermInSetQuery(IndexFields.DOCUMENT_ID, ids), Occur.FILTER)
                            .build();
                }
                return top(searcher, filtered, depth);
            } finally {
                searchers.release(shared);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 search failed", e);
        }
    }

    /**
     * The best {@code depth} hits by score, ties by chunk id. Every hit tied at the cut is collected in the same pass
     * ({@link AtCut}): Lucene would break ties by its internal document number, which depends on everything indexed
     * (other collections too). Chunk ids are read in document order, which keeps the stored-field blocks in order.
     * Public for the benchmarks, which time it on large indexes.
     */
    public static List<RankedHit> top(IndexSearcher searcher, Query query, int depth) throws IOException {
        if (depth <= 0) {
            return List.of();
        }
        List<ScoreDoc> found = searcher.search(query, new CollectorManager<AtCut, List<ScoreDoc>>() {
            @Override
            public AtCut newCollector() {
                return new AtCut(depth);
            }

            @Override
            public List<ScoreDoc> reduce(java.util.Collection<AtCut> collectors) {
                List<ScoreDoc> all = new ArrayList<>();
                collectors.forEach(c -> all.addAll(c.hits));
                return all;
            }
        });
        if (found.isEmpty()) {
            return List.of();
        }
        float cut = depthScore(found, depth);
        List<ScoreDoc> kept = new ArrayList<>();
        for (ScoreDoc sd : found) {
            if (sd.score >= cut) {
                kept.add(sd);
            }
        }
        kept.sort(Comparator.comparingInt(sd -> sd.doc));
        var stored = searcher.storedFields();
        List<RankedHit> hits = new ArrayList<>(kept.size());
        for (ScoreDoc sd : kept) {
            long chunkId = stored.document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
            hits.add(new RankedHit(chunkId, sd.score));
        }
        hits.sort(Comparator.comparingDouble(RankedHit::score).reversed().thenComparingLong(RankedHit::chunkId));
        return hits.size() > depth ? List.copyOf(hits.subList(0, depth)) : hits;
    }

    /** The {@code depth}-th best score of the hits (the lowest when fewer). */
    private static float depthScore(List<ScoreDoc> hits, int depth) {
        PriorityQueue<Float> best = new PriorityQueue<>();
        for (ScoreDoc sd : hits) {
            best.add(sd.score);
            if (best.size() > depth) {
                best.poll();
            }
        }
        return best.peek();
    }

    /**
     * Collects every hit scoring at least the {@code depth}-th best score seen so far, so that hits tied with the one
     * at the cut are kept, and tells the scorer that hits below it may be skipped (Lucene then prunes as for a
     * top-{@code depth} search, without excluding ties as its own top-hits collector does).
     */
    private static final class AtCut extends SimpleCollector {
        private final int depth;
        private final PriorityQueue<Float> best = new PriorityQueue<>();
        private final List<ScoreDoc> hits = new ArrayList<>();
        private Scorable scorer;
        private int docBase;
        private float min = Float.NEGATIVE_INFINITY;

        AtCut(int depth) {
            this.depth = depth;
        }

        @Override
        public void setScorer(Scorable scorer) throws IOException {
            this.scorer = scorer;
            if (min > 0) {
                scorer.setMinCompetitiveScore(min);
            }
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            docBase = context.docBase;
        }

        @Override
        public void collect(int doc) throws IOException {
            float score = scorer.score();
            if (score < min) {
                return;
            }
            hits.add(new ScoreDoc(docBase + doc, score));
            best.add(score);
            if (best.size() > depth) {
                best.poll();
            }
            if (best.size() == depth && best.peek() > min) {
                min = best.peek();
                scorer.setMinCompetitiveScore(min);
                if (hits.size() > 4 * depth) {
                    hits.removeIf(h -> h.score < min); // keeps the list near the hits that can still count
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.TOP_SCORES;
        }
    }

    /**
     * True when the text names a clause or section by number: a reference word with its number ("section 4(b)",
     * "Schedule 2", "question 7.10", "Art. 28(3)") or a number of three or more parts ("3.5.3"). Counts and measures
     * ("type 2 diabetes", "1.5-fold") are not references: boosting them cost SciFact 0.004 nDCG@10.
     */
    public boolean namesNumbers(String text) {
        return queries.identifierTerms(text).stream().anyMatch(t -> REFERENCE.matcher(t).matches());
    }

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile(
            "(?:section|clause|article|schedule|question|chapter|part|paragraph|appendix|exhibit|annex|item|rule) .*\\d.*"
                    + "|\\d+(?:\\.\\d+){2,}.*");

    /**
     * True when the question holds an anchor for exact matching within the scope ({@link QuestionAnchors}): an
     * identifier, verbatim code or a path, or a word in at most {@code rareShare} of the scope's passages.
     */
    public boolean anchored(AccessScope scope, String text, double rareShare) {
        Set<String> identifiers = queries.identifierTerms(text);
        if (!identifiers.isEmpty() || QuestionAnchors.verbatim(text)) {
            return true;
        }
        List<String> terms = analyze(IndexFields.TEXT, text).stream().distinct().toList();
        return QuestionAnchors.anchored(text, identifiers, terms, termCounts(scope, terms), rareShare);
    }

    /**
     * True when some passage within the scope (and the query's document restriction) contains every word
     * of {@code words} (analysed like the text, so stemmed), or, with {@code identifier}, carries {@code words} as a
     * clause identifier ({@code 7.42}, {@code section 13}). Only the caller's scope is consulted: nothing is learnt
     * about collections outside it.
     */
    public boolean mentions(String words, boolean identifier, AccessScope scope, RetrievalQuery within) {
        return identifier ? mentions(null, words, scope, within) : mentions(words, null, scope, within);
    }

    /**
     * True when one passage within the scope contains every word of {@code words} and carries the identifiers of
     * {@code identifiers} (either may be null): "Debian" with "14" asks for a passage naming both.
     */
    public boolean mentions(String words, String identifiers, AccessScope scope, RetrievalQuery within) {
        if (within.matchesNothing(scope)) {
            return false;
        }
        List<String> idents = identifiers == null ? List.of() : queries.identifierTerms(identifiers).stream().toList();
        if (identifiers != null && idents.isEmpty()) {
            return false; // no identifier in the text: none can be there
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (var e : byLanguage(scope).entrySet()) {
            String field = IndexFields.field(IndexFields.TEXT, e.getKey());
            List<String> terms = words == null ? List.of() : analyze(field, words);
            if (terms.isEmpty() && idents.isEmpty()) {
                return true; // only stop words: do not claim absence
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            terms.forEach(t -> all.add(new TermQuery(new Term(field, t)), Occur.MUST));
            idents.forEach(t -> all.add(new TermQuery(new Term(IndexFields.IDENT, t)), Occur.MUST));
            any.add(within(all, e.getValue(), within), Occur.SHOULD);
        }
        return anyHit(any.build());
    }

    /** The query restricted to these collections and to the query's documents, if it names some. */
    private static Query within(BooleanQuery.Builder all, java.util.Collection<Long> collections, RetrievalQuery within) {
        all.add(new TermInSetQuery(IndexFields.COLLECTION_ID,
                collections.stream().map(id -> new BytesRef(Long.toString(id))).toList()), Occur.FILTER);
        if (within.restrictsDocuments()) {
            all.add(new TermInSetQuery(IndexFields.DOCUMENT_ID,
                    within.documentIds().stream().map(id -> new BytesRef(Long.toString(id))).toList()), Occur.FILTER);
        }
        return all.build();
    }

    /** True when some passage matches the query. */
    private boolean anyHit(Query query) {
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.search(query, 1).scoreDocs.length > 0;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 search failed", e);
        }
    }

    /**
     * True when some passage within the scope (and the query's document restriction) holds {@code words} as a phrase:
     * its analysed words in order, at most {@code slop} other words apart (in the text or the heading path). For
     * names of several words ("Secure Boot", "Debian 14", "bullseye-backports"), which co-occurring words do not make.
     */
    public boolean mentionsPhrase(String words, int slop, AccessScope scope, RetrievalQuery within) {
        if (within.matchesNothing(scope)) {
            return false;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (var e : byLanguage(scope).entrySet()) {
            BooleanQuery.Builder fields = new BooleanQuery.Builder();
            for (String base : List.of(IndexFields.TEXT, IndexFields.HEADINGS)) {
                String field = IndexFields.field(base, e.getKey());
                Query phrase = new org.apache.lucene.util.QueryBuilder(ANALYZER).createPhraseQuery(field, words, slop);
                if (phrase == null) {
                    return true; // only stop words: do not claim absence
                }
                fields.add(phrase, Occur.SHOULD);
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder().add(fields.build(), Occur.MUST);
            any.add(within(all, e.getValue(), within), Occur.SHOULD);
        }
        return anyHit(any.build());
    }

    /**
     * How many of the scope's passages contain each of {@code terms} (already analysed like the English text field,
     * see {@code answer.text.Terms}), and how many passages the scope has: the rarity of a question's words among the
     * documents the caller may read. Statistics of collections outside the scope are never consulted, so the answer
     * reveals nothing about them.
     */
    public TermCounts termCounts(AccessScope scope, java.util.Collection<String> terms) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        if (scope.collectionIds().isEmpty()) {
            terms.forEach(t -> counts.put(t, 0L));
            return new TermCounts(0, counts);
        }
        try {
            refresh();
            IndexSearcher shared = searchers.acquire();
            try {
                ScopedSearcher searcher = scoped.searcher(shared.getIndexReader(), scope.collectionIds());
                for (String t : terms) {
                    counts.put(t, searcher.scopeDocFreq(new Term(IndexFields.TEXT, t)));
                }
                return new TermCounts(searcher.scopeDocCount(), counts);
            } finally {
                searchers.release(shared);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 statistics failed", e);
        }
    }

    /** Passages in a scope and, per term, how many of them contain it. */
    public record TermCounts(long passages, Map<String, Long> docFreq) {

        /** Inverse document frequency as BM25 weighs it: rare terms high, terms in most passages near 0. */
        public double idf(String term) {
            long df = docFreq.getOrDefault(term, 0L);
            return Math.log(1 + (passages - df + 0.5) / (df + 0.5));
        }
    }

    /** The scope's collections grouped by the language they are analysed in. */
    private Map<CollectionLanguage, List<Long>> byLanguage(AccessScope scope) {
        Map<CollectionLanguage, List<Long>> byLanguage = new TreeMap<>();
        languages.languagesOf(scope.collectionIds()).forEach((id, language) ->
                byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).add(id));
        return byLanguage;
    }

    private static List<String> analyze(String field, String text) {
        return IndexFields.terms(ANALYZER, field, text);
    }

    /**
     * Makes every change committed in PostgreSQL before this search visible: waits for the catch-up in flight, if
     * any (the writer has committed it when the wait ends), and then reopens the searcher, blocking, whenever the
     * writer has committed since the last reopen, so that no search of a client that saw its document READY runs
     * on the previous searcher. Without a new commit the searcher is current and nothing is read from the directory.
     */
    private void refresh() throws IOException {
        visibility.awaitApplied();
        long commits = store.commits();
        if (commits != refreshedFor) {
            searchers.maybeRefreshBlocking();
            refreshedFor = commits;
        }
    }

    /** True when the index can be searched (used by the readiness check). */
    public boolean isHealthy() {
        try {
            searchers.maybeRefresh();
            IndexSearcher s = searchers.acquire();
            searchers.release(s);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @PreDestroy
    void close() throws IOException {
        searchers.close();
    }
}
