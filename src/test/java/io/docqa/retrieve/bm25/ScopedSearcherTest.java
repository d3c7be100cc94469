package io.docqa.retrieve.bm25;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.ingest.index.LuceneChunkWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * BM25 over a real Lucene index whose collections lie in several segments, some with deleted chunks: a scope that
 * holds every document is searched without the collection filter and its statistics are read from the terms
 * dictionary where that gives the same numbers, yet hits and scores stay those of the filtered, walked computation;
 * a scope that misses a collection (also one indexed after the scope was resolved) keeps its filter and statistics
 * that no other collection moves.
 */
class ScopedSearcherTest {

    private static final List<String> QUERIES = List.of("vacation days carry over", "remote work allowance",
            "\"parental leave\" policy 4.2", "days", "office hours Monday");
    private static final String[] TEXTS = {
        "Vacation days. Employees receive twenty vacation days per year; unused days carry over.",
        "Remote work. A remote work allowance of 40 EUR per month covers internet costs.",
        "4.2 Parental leave. Parental leave policy: sixteen weeks of paid parental leave.",
        "Office hours. The office opens at eight. Work days are Monday to Friday.",
        "Travel. Train tickets are reimbursed; days of travel count as work days.",
    };
    private final LexicalQuery lexical = new LexicalQuery(IndexFields.analyzer());

    @Test
    void a_scope_of_every_collection_ranks_and_scores_without_the_filter_exactly_as_with_it() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            index(dir, List.of(1L, 2L, 3L), true);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertTrue(reader.leaves().size() > 1, "several segments");
                assertTrue(reader.hasDeletions(), "deleted chunks in some segments");
                List<Long> all = List.of(3L, 1L, 2L);
                ScopedSearcher searcher = new ScopedSearcher.Cache().searcher(reader, all);
                assertTrue(searcher.coversIndex());
                for (String q : QUERIES) {
                    Query filtered = lexical.build(q, Map.of(CollectionLanguage.EN, all), true);
                    Query unfiltered = lexical.build(q, Map.of(CollectionLanguage.EN, all), false);
                    assertFalse(filtered.equals(unfiltered), "the filter is left out");
                    String expected = top(searcher, filtered);
                    assertFalse(expected.isEmpty(), q);
                    assertEquals(expected, top(searcher, unfiltered), q);
                }
                // statistics: the terms dictionary where a segment has no deletions, the walk where it has
                for (Term term : terms(reader)) {
                    String word = term.text();
                    int live = new IndexSearcher(reader).count(new TermQuery(term));
                    assertEquals(live, searcher.scopeDocFreq(term), word);
                }
                assertEquals(0, searcher.scopeDocFreq(new Term(IndexFields.TEXT, "absentword")));
                assertEquals(reader.numDocs(), searcher.scopeDocCount());
            }
        }
    }

    @Test
    void statistics_without_deletions_are_the_index_own() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            index(dir, List.of(1L, 2L), false);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                ScopedSearcher searcher = new ScopedSearcher.Cache().searcher(reader, List.of(1L, 2L));
                IndexSearcher plain = new IndexSearcher(reader);
                for (Term term : terms(reader)) {
                    String word = term.text();
                    TermStatistics own = plain.termStatistics(term, plain.getIndexReader().docFreq(term),
                            plain.getIndexReader().totalTermFreq(term));
                    TermStatistics scoped = searcher.termStatistics(term, 0, 0);
                    assertEquals(own.docFreq(), scoped.docFreq(), word);
                    assertEquals(own.totalTermFreq(), scoped.totalTermFreq(), word);
                }
            }
        }
    }

    @Test
    void a_scope_missing_a_collection_keeps_its_filter_and_statistics_no_other_collection_moves() throws IOException {
        List<Long> readable = List.of(1L, 2L);
        String quiet;
        String stuffed;
        try (Directory dir = new ByteBuffersDirectory()) {
            index(dir, readable, true);
            quiet = searchAll(dir, readable);
        }
        try (Directory dir = new ByteBuffersDirectory()) {
            index(dir, readable, true);
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexFields.analyzer()))) {
                for (int i = 0; i < 40; i++) { // an unreadable collection full of the queries' words
                    w.addDocument(doc(10_000 + i, 3L, String.join(" ", TEXTS).repeat(1 + i % 3)));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertFalse(new ScopedSearcher.Cache().searcher(reader, readable).coversIndex());
            }
            stuffed = searchAll(dir, readable);
        }
        assertEquals(quiet, stuffed, "hits and scores of the readable collections moved with an unreadable one");
    }

    @Test
    void a_collection_indexed_after_the_scope_was_resolved_ends_the_full_coverage() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            List<Long> known = List.of(1L, 2L);
            index(dir, known, false);
            ScopedSearcher.Cache cache = new ScopedSearcher.Cache();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertTrue(cache.searcher(reader, known).coversIndex());
            }
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexFields.analyzer()))) {
                w.addDocument(doc(99_999, 7L, TEXTS[0]));
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                ScopedSearcher searcher = cache.searcher(reader, known);
                assertFalse(searcher.coversIndex(), "collection 7 is in the index, not in the scope");
                Query q = lexical.build(QUERIES.get(0), Map.of(CollectionLanguage.EN, known), !searcher.coversIndex());
                var stored = searcher.storedFields();
                for (var sd : searcher.search(q, 100).scoreDocs) {
                    long chunk = stored.document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
                    assertTrue(chunk != 99_999, "the new collection's chunk is filtered out");
                }
            }
        }
    }

    /** Every term of the text field. */
    private static List<Term> terms(DirectoryReader reader) throws IOException {
        List<Term> terms = new ArrayList<>();
        var it = org.apache.lucene.index.MultiTerms.getTerms(reader, IndexFields.TEXT).iterator();
        for (var t = it.next(); t != null; t = it.next()) {
            terms.add(new Term(IndexFields.TEXT, org.apache.lucene.util.BytesRef.deepCopyOf(t)));
        }
        assertTrue(terms.size() > 20);
        return terms;
    }

    /** Top hits (chunk id and score) of every query over the scope, filtered as the retriever decides. */
    private String searchAll(Directory dir, List<Long> scope) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            ScopedSearcher searcher = new ScopedSearcher.Cache().searcher(reader, scope);
            StringBuilder out = new StringBuilder();
            for (String q : QUERIES) {
                out.append(top(searcher, lexical.build(q, Map.of(CollectionLanguage.EN, scope),
                        !searcher.coversIndex()))).append('\n');
            }
            return out.toString();
        }
    }

    private static String top(IndexSearcher searcher, Query query) throws IOException {
        var stored = searcher.storedFields();
        List<String> hits = new ArrayList<>();
        for (var sd : searcher.search(query, 51).scoreDocs) {
            long chunk = stored.document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
            hits.add(chunk + ":" + sd.score);
        }
        return String.join(" ", hits);
    }

    /**
     * Each collection's chunks in their own segment, one more segment mixing all of them; with deletions, some
     * chunks of the first and the mixed segments deleted.
     */
    private static void index(Directory dir, List<Long> collections, boolean deletions) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter w = new IndexWriter(dir, config)) {
            long id = 0;
            for (long c : collections) {
                for (int copy = 0; copy < 3; copy++) {
                    for (String text : TEXTS) {
                        w.addDocument(doc(++id, c, text + " " + "days ".repeat(copy)));
                    }
                }
                w.commit();
            }
            for (long c : collections) {
                for (String text : Arrays.copyOf(TEXTS, 3)) {
                    w.addDocument(doc(++id, c, text + " extra"));
                }
            }
            w.commit();
            if (deletions) {
                w.deleteDocuments(new Term(IndexFields.DOCUMENT_ID, "2"), new Term(IndexFields.DOCUMENT_ID,
                        Long.toString(id)));
                w.commit();
            }
        }
    }

    private static org.apache.lucene.document.Document doc(long id, long collection, String text) {
        return LuceneChunkWriter.toLucene(new Chunk(id, id, collection, 0, text, null, null, null, 0, text.length()),
                "doc " + id, CollectionLanguage.EN);
    }
}
