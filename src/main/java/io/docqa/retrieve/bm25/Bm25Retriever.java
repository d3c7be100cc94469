package io.docqa.retrieve.bm25;

import io.docqa.corpus.IndexFields;
import io.docqa.corpus.LuceneStore;
import io.docqa.retrieve.RankedHit;
import io.docqa.retrieve.RankedRetriever;
import io.docqa.retrieve.RetrievalQuery;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * BM25 over the Lucene index: chunk text, heading path (boosted) and document name. The collection filter is
 * part of the Lucene query, so filtering never costs recall.
 */
@ApplicationScoped
public class Bm25Retriever implements RankedRetriever {

    /** Longest query text considered; longer input is cut (keeps clause counts bounded). */
    static final int MAX_QUERY_CHARS = 2000;

    private final SearcherManager searchers;
    private final Analyzer analyzer = IndexFields.analyzer();

    public Bm25Retriever(LuceneStore store) {
        try {
            this.searchers = new SearcherManager(store.directory(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Lucene index for searching", e);
        }
    }

    @Override
    public List<RankedHit> rank(RetrievalQuery query, int depth) {
        Query parsed = parse(query.text());
        if (parsed instanceof MatchNoDocsQuery || query.collectionIds().isEmpty()) {
            return List.of();
        }
        List<BytesRef> ids = query.collectionIds().stream().map(id -> new BytesRef(Long.toString(id))).toList();
        Query filtered = new BooleanQuery.Builder()
                .add(parsed, Occur.MUST)
                .add(new TermInSetQuery(IndexFields.COLLECTION_ID, ids), Occur.FILTER)
                .build();
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(filtered, depth);
                var stored = searcher.storedFields();
                List<RankedHit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    long chunkId = stored.document(sd.doc).getField(IndexFields.CHUNK_ID).numericValue().longValue();
                    hits.add(new RankedHit(chunkId, sd.score));
                }
                hits.sort(Comparator.comparingDouble(RankedHit::score).reversed().thenComparingLong(RankedHit::chunkId));
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 search failed", e);
        }
    }

    /** Free text to a Lucene query: every character is taken literally (no query syntax from users). */
    Query parse(String text) {
        String cut = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        String escaped = QueryParser.escape(cut.replaceAll("\\s+", " ").strip());
        if (escaped.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        String[] fields = {IndexFields.TEXT, IndexFields.HEADINGS, IndexFields.TITLE};
        MultiFieldQueryParser parser = new MultiFieldQueryParser(fields, analyzer, IndexFields.BOOSTS);
        parser.setDefaultOperator(QueryParser.Operator.OR);
        try {
            Query q = parser.parse(escaped);
            return q == null ? new MatchNoDocsQuery() : q;
        } catch (ParseException | IndexSearcher.TooManyClauses e) {
            return new MatchNoDocsQuery();
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
