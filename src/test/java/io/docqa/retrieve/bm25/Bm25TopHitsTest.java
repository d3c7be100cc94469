package io.docqa.retrieve.bm25;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.IndexFields;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.retrieve.core.RankedHit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The best hits of a BM25 search on a real Lucene index: many passages with the same text (the same boilerplate in
 * many documents) score the same, and which of them make the cut is decided by chunk id, not by the order Lucene
 * happened to index them in.
 */
class Bm25TopHitsTest {

    private static final String SAME = "Termination. Either party may terminate this agreement with thirty days notice.";

    @Test
    void passages_tied_at_the_cut_are_taken_by_chunk_id_whatever_their_index_order() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexFields.analyzer()))) {
                // one better passage, then 300 identical ones indexed from the highest chunk id down, in 3 segments
                w.addDocument(doc(5_000, "Termination notice: terminate terminate the agreement, thirty days notice."));
                for (long id = 1_300; id > 1_000; id--) {
                    w.addDocument(doc(id, SAME));
                    if (id % 100 == 0) {
                        w.commit();
                    }
                }
                for (int i = 0; i < 50; i++) {
                    w.addDocument(doc(10_000 + i, "Office hours and holidays of the support desk."));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                ScopedSearcher searcher = new ScopedSearcher.Cache().searcher(reader, List.of(1L));
                Query q = new LexicalQuery(IndexFields.analyzer())
                        .build("terminate agreement notice", Map.of(CollectionLanguage.EN, List.of(1L)));
                List<RankedHit> top = Bm25Retriever.top(searcher, q, 50);
                assertEquals(50, top.size());
                assertEquals(5_000, top.get(0).chunkId(), "the better passage first");
                assertEquals(LongStream.rangeClosed(1_001, 1_049).boxed().toList(),
                        top.subList(1, 50).stream().map(RankedHit::chunkId).toList(), "ties by chunk id");
                assertTrue(top.get(1).score() < top.get(0).score());
                assertEquals(top.get(1).score(), top.get(49).score());
                assertEquals(List.of(), Bm25Retriever.top(searcher, q, 0));
                assertEquals(301, Bm25Retriever.top(searcher, q, 1_000).size(), "fewer hits than asked: all of them");
            }
        }
    }

    private static org.apache.lucene.document.Document doc(long id, String text) {
        return LuceneChunkWriter.toLucene(new Chunk(id, id, 1L, 0, text, null, null, null, 0, text.length()),
                "contract", CollectionLanguage.EN);
    }
}
