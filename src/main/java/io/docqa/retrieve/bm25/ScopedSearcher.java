package io.docqa.retrieve.bm25;

import io.docqa.corpus.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SmallFloat;

/**
 * An {@link IndexSearcher} whose BM25 statistics (document count, average field length, document frequency and
 * total frequency of a term) are those of the live documents of a set of collections only, never of the whole
 * index. Scores, and so the order and everything derived from them, are then a function of the caller's readable
 * collections alone: what collections outside the scope contain cannot move them.
 *
 * <p>Field lengths are read from the norms BM25 itself scores with ({@link SmallFloat#byte4ToInt}), so the average
 * length is exactly that of the scope's documents as BM25 measures them. Statistics are kept per reader and scope
 * ({@link Cache}), for the next queries on the same searcher generation.
 */
public final class ScopedSearcher extends IndexSearcher {

    private final Statistics statistics;

    private ScopedSearcher(IndexReader reader, Statistics statistics) {
        super(reader);
        this.statistics = statistics;
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
        return statistics.collection(field);
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        return statistics.term(term);
    }

    /** How many of the scope's live documents contain the term (0 when none: unlike {@link #termStatistics}). */
    public long scopeDocFreq(Term term) throws IOException {
        return statistics.docFreq(term);
    }

    /** How many live documents the scope has. */
    public int scopeDocCount() {
        return statistics.scopeDocs;
    }

    /**
     * True when every live document of this reader lies in the scope, as read from the reader's own collection terms
     * (a collection indexed after the scope was resolved makes it false). A collection filter is then a no-op.
     */
    public boolean coversIndex() {
        return statistics.coversIndex;
    }

    /** Scope-local statistics of one reader: the scope's live documents per leaf and what was computed over them. */
    static final class Statistics {
        private final IndexReader reader;
        private final List<FixedBitSet> docs = new ArrayList<>();
        /** Per leaf: what the scope holds of it, which decides how a statistic is read there ({@link Coverage}). */
        private final List<Coverage> coverage = new ArrayList<>();
        private final int scopeDocs;
        private final boolean coversIndex;
        private final Map<String, CollectionStatistics> fields = new ConcurrentHashMap<>();
        private final Map<Term, TermStatistics> terms = new ConcurrentHashMap<>();

        Statistics(IndexReader reader, List<Long> collectionIds) throws IOException {
            this.reader = reader;
            int count = 0;
            boolean covers = true;
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                FixedBitSet bits = new FixedBitSet(Math.max(1, r.maxDoc()));
                for (long id : collectionIds) {
                    PostingsEnum p = r.postings(new Term(IndexFields.COLLECTION_ID, Long.toString(id)), PostingsEnum.NONE);
                    if (p != null) {
                        bits.or(p);
                    }
                }
                Bits live = r.getLiveDocs();
                if (live != null) {
                    for (int d = 0; d < r.maxDoc(); d++) {
                        if (!live.get(d)) {
                            bits.clear(d);
                        }
                    }
                }
                int inScope = bits.cardinality();
                count += inScope;
                covers &= inScope == r.numDocs();
                docs.add(bits);
                coverage.add(inScope == 0 ? Coverage.NONE
                        : inScope == r.numDocs() ? (live == null ? Coverage.ALL : Coverage.ALL_LIVE) : Coverage.PART);
            }
            this.scopeDocs = count;
            this.coversIndex = covers;
        }

        CollectionStatistics collection(String field) throws IOException {
            CollectionStatistics cached = fields.get(field);
            if (cached != null) {
                return cached;
            }
            // documents with the field, and their lengths as BM25 reads them from the norms
            long[] lengths = tally(r -> r.getNormValues(field), norms -> SmallFloat.byte4ToInt((byte) norms.longValue()),
                    null);
            long docCount = lengths[0];
            // BM25 needs statistics whenever a term exists somewhere in the index; when the scope has no document
            // with this field no document of it can match, and a neutral value keeps the scorer well-formed.
            CollectionStatistics stats = docCount == 0
                    ? new CollectionStatistics(field, 1, 1, 1, 1)
                    : new CollectionStatistics(field, Math.max(scopeDocs, docCount), docCount,
                            Math.max(lengths[1], docCount), docCount);
            fields.put(field, stats);
            return stats;
        }

        long docFreq(Term term) throws IOException {
            TermStatistics cached = terms.get(term);
            return cached != null && cached.docFreq() > 1 ? cached.docFreq() : termTally(term, false)[0];
        }

        TermStatistics term(Term term) throws IOException {
            TermStatistics cached = terms.get(term);
            if (cached != null) {
                return cached;
            }
            long[] freqs = termTally(term, true);
            // a term only outside the scope matches no document the scope's filter lets through: neutral value
            TermStatistics stats = freqs[0] == 0 ? new TermStatistics(term.bytes(), 1, 1)
                    : new TermStatistics(term.bytes(), freqs[0], Math.max(freqs[1], freqs[0]));
            if (terms.size() < MAX_CACHED_TERMS) {
                terms.put(term, stats);
            }
            return stats;
        }

        /**
         * How many of the scope's documents contain the term and, with {@code freqs}, how often it occurs in them. A
         * leaf wholly in the scope and without deletions answers from its terms dictionary (the same numbers, without
         * walking the postings).
         */
        private long[] termTally(Term term, boolean freqs) throws IOException {
            return tally(r -> r.postings(term, freqs ? PostingsEnum.FREQS : PostingsEnum.NONE),
                    it -> freqs ? it.freq() : 0, (r, acc) -> {
                        Terms field = r.terms(term.field());
                        TermsEnum te = field == null ? null : field.iterator();
                        if (te != null && te.seekExact(term.bytes())) {
                            acc[0] += te.docFreq();
                            acc[1] += freqs ? te.totalTermFreq() : 0;
                        }
                    });
        }

        /**
         * How many of the scope's documents the iterators (one per leaf, null for none) visit, and a value summed;
         * leaves without scope documents skipped, those wholly in the scope without deletions given to {@code whole}
         * when not null.
         */
        private <T extends DocIdSetIterator> long[] tally(PerLeaf<T> open, Value<T> value, Whole whole)
                throws IOException {
            long[] acc = new long[2];
            List<LeafReaderContext> leaves = reader.leaves();
            for (int i = 0; i < leaves.size(); i++) {
                Coverage c = coverage.get(i);
                if (c == Coverage.NONE) {
                    continue;
                }
                if (c == Coverage.ALL && whole != null) {
                    whole.add(leaves.get(i).reader(), acc);
                    continue;
                }
                T it = open.of(leaves.get(i).reader());
                if (it == null) {
                    continue;
                }
                FixedBitSet bits = docs.get(i);
                for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                    if (bits.get(d)) {
                        acc[0]++;
                        acc[1] += value.of(it);
                    }
                }
            }
            return acc;
        }

        /** Adds a whole leaf's count and sum from its own statistics. */
        private interface Whole {
            void add(LeafReader reader, long[] acc) throws IOException;
        }

        /** What the scope holds of one leaf. */
        private enum Coverage {
            /** none of its documents */
            NONE,
            /** some of its live documents */
            PART,
            /** all its live documents, and it has deleted ones (index statistics would count those) */
            ALL_LIVE,
            /** all its documents, none deleted: the leaf's own statistics are the scope's */
            ALL
        }

        private interface PerLeaf<T> {
            T of(LeafReader reader) throws IOException;
        }

        private interface Value<T> {
            long of(T iterator) throws IOException;
        }

        private static final int MAX_CACHED_TERMS = 20_000;
    }

    /**
     * Statistics per scope for the newest reader searched: a new reader (a refresh) drops those of the previous one.
     */
    public static final class Cache {
        private static final int MAX_SCOPES = 256;
        private IndexReader reader;
        private final Map<List<Long>, Statistics> byScope = new ConcurrentHashMap<>();

        public ScopedSearcher searcher(IndexReader current, List<Long> collectionIds) throws IOException {
            List<Long> key = collectionIds.stream().sorted().distinct().toList();
            Statistics stats;
            synchronized (this) {
                if (current != reader) {
                    reader = current;
                    byScope.clear();
                }
                stats = byScope.get(key);
            }
            if (stats == null) {
                stats = new Statistics(current, key);
                synchronized (this) {
                    if (current == reader) {
                        if (byScope.size() >= MAX_SCOPES) {
                            byScope.clear();
                        }
                        byScope.put(key, stats);
                    }
                }
            }
            return new ScopedSearcher(current, stats);
        }
    }
}
