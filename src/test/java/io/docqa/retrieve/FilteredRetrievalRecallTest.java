package io.docqa.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkRepository.NewChunk;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentFilter;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.vector.VectorRetriever;
import io.docqa.testing.RandomVectors;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A metadata filter that selects one document of a hundred (1 % of the chunks) must still get the full limit from
 * BM25, vector and hybrid retrieval: the filter is resolved to document ids in SQL and applied inside the Lucene
 * query and the pgvector SQL, not to a short list of candidates afterwards. Vectors are seeded random unit vectors
 * and the text is synthetic, written straight into the real pgvector table and the real Lucene index.
 */
@QuarkusTest
class FilteredRetrievalRecallTest {

    private static final int DOCUMENTS = 100;
    private static final int CHUNKS_PER_DOCUMENT = 30;
    private static final int LIMIT = 20;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CollectionRepository collections;

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentAttributes attributes;

    @Inject
    ChunkRepository chunks;

    @Inject
    LuceneChunkWriter lucene;

    @Inject
    Bm25Retriever bm25;

    @Inject
    VectorRetriever vector;

    @Inject
    HybridRetriever hybrid;

    @Test
    void a_filter_selecting_one_percent_of_the_index_still_fills_the_limit_in_bm25_vector_and_hybrid() throws Exception {
        Random random = new Random(7);
        long collection = collections.create("filter-recall", null).id();
        long chosen = -1;
        Set<Long> chosenChunks = new HashSet<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            Document doc = documents.insert(collection, "ledger-" + d + ".txt", "text/plain", 1, "sha-" + d,
                    DocumentStatus.READY, null, null, null);
            List<Chunk> stored = store(doc, collection, random);
            if (d == DOCUMENTS / 2) {
                chosen = doc.id();
                attributes.setTags(chosen, List.of("audited"));
                stored.forEach(c -> chosenChunks.add(c.id()));
            }
        }
        lucene.commit(lucene.commitData());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE chunks");
        }

        List<Long> selected = attributes.matching(List.of(collection),
                new DocumentFilter(null, null, null, null, List.of("audited")));
        assertEquals(List.of(chosen), selected, "the tag filter resolves to the one tagged document");

        AccessScope scope = AccessScope.of(List.of(collection));
        RetrievalQuery unfiltered = new RetrievalQuery("quarterly marmoset ledger", LIMIT);
        long fromChosenUnfiltered = bm25.rank(scope, unfiltered, LIMIT).stream().filter(h -> chosenChunks.contains(h.chunkId()))
                .count();
        assertTrue(fromChosenUnfiltered < LIMIT / 2, "without the filter the chosen document does not fill the list");

        RetrievalQuery filtered = new RetrievalQuery("quarterly marmoset ledger", LIMIT, selected);
        List<RankedHit> lexical = bm25.rank(scope, filtered, LIMIT);
        assertEquals(LIMIT, lexical.size(), "BM25 fills the limit");
        assertTrue(chosenChunks.containsAll(lexical.stream().map(RankedHit::chunkId).toList()));

        List<RankedHit> dense = vector.rank(scope, filtered, LIMIT);
        assertEquals(LIMIT, dense.size(), "vector search fills the limit");
        assertTrue(chosenChunks.containsAll(dense.stream().map(RankedHit::chunkId).toList()));
        assertEquals(CHUNKS_PER_DOCUMENT, vector.rank(scope, filtered, 100).size(), "all of the document, no more");

        List<RetrievedPassage> fused = hybrid.retrieve(scope, filtered).passages();
        assertEquals(LIMIT, fused.size(), "hybrid fills the limit");
        assertTrue(fused.stream().allMatch(p -> p.chunk().documentId() == selected.get(0)));

        RetrievalQuery none = new RetrievalQuery("quarterly marmoset ledger", LIMIT, List.of());
        assertEquals(List.of(), bm25.rank(scope, none, LIMIT), "a filter matching no document finds nothing");
        assertEquals(List.of(), vector.rank(scope, none, LIMIT));
        assertEquals(List.of(), hybrid.retrieve(scope, none).passages());
    }

    private List<Chunk> store(Document doc, long collection, Random random) throws Exception {
        List<NewChunk> drafts = new ArrayList<>(CHUNKS_PER_DOCUMENT);
        int offset = 0;
        for (int i = 0; i < CHUNKS_PER_DOCUMENT; i++) {
            String text = "Quarterly marmoset ledger entry " + i + " of " + doc.name() + " with "
                    + (random.nextInt(5) + 1) + " marmoset counts.";
            drafts.add(new NewChunk(i, text, null, null, null, offset, offset + text.length(), RandomVectors.unit(random)));
            offset += text.length() + 1;
        }
        List<Chunk> stored;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            stored = chunks.replaceChunks(c, doc.id(), collection, drafts);
            c.commit();
        }
        lucene.stageReplace(doc.id(), collection, doc.name(), stored);
        return stored;
    }

}
