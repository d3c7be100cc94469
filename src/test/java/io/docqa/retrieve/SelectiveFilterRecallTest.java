package io.docqa.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkRepository.NewChunk;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
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
import org.junit.jupiter.api.Test;

/**
 * A collection holding 1 % of the vectors must still get its full limit from the filtered HNSW search
 * (pgvector iterative index scans), not the few of its rows that happen to be among the first candidates.
 * Vectors are seeded random unit vectors written straight into the real pgvector table: this checks the SQL of
 * the vector retriever, not the embedding model.
 */
@QuarkusTest
class SelectiveFilterRecallTest {

    private static final int BIG = 4_950;
    private static final int SMALL = 50; // 1 % of 5,000

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CollectionRepository collections;

    @Inject
    DocumentRepository documents;

    @Inject
    ChunkRepository chunks;

    @Inject
    VectorRetriever vector;

    @Test
    void filtered_vector_search_on_a_collection_with_one_percent_of_the_index_returns_its_full_limit() throws Exception {
        Random random = new Random(42);
        long big = collections.create("one-percent-big", null).id();
        long small = collections.create("one-percent-small", null).id();
        store(big, "big.txt", BIG, random);
        List<Long> smallIds = store(small, "small.txt", SMALL, random);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE chunks");
        }

        float[] query = RandomVectors.unit(random);
        List<RankedHit> hits = vector.nearest(query, AccessScope.of(List.of(small)), null, 40);
        assertEquals(40, hits.size(), "the small collection has 50 chunks: a limit of 40 must be filled");
        assertTrue(new HashSet<>(smallIds).containsAll(hits.stream().map(RankedHit::chunkId).toList()),
                "only chunks of the filtered collection come back");
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score() - 1e-6, "best first");
        }
        assertEquals(SMALL, vector.nearest(query, AccessScope.of(List.of(small)), null, 100).size(), "all of the collection, no more");
    }

    private List<Long> store(long collectionId, String name, int count, Random random) throws Exception {
        Document doc = documents.insert(collectionId, name, "text/plain", 1, name + "-sha", DocumentStatus.PROCESSING,
                null, null, null);
        List<NewChunk> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drafts.add(new NewChunk(i, "chunk " + i, null, null, null, 0, 1, RandomVectors.unit(random)));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Long> ids = chunks.replaceChunks(c, doc.id(), collectionId, drafts).stream().map(ch -> ch.id()).toList();
            c.commit();
            return ids;
        }
    }

}
