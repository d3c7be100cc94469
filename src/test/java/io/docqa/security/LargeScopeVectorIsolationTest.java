package io.docqa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.vector.VectorRetriever;
import io.docqa.testing.VectorIndexes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vector results over a scope too large for exact search (more than {@code docqa.retrieve.exact-vector-max-chunks}
 * chunks, so HNSW answers) are byte-identical whatever an unreadable collection holds: each collection has its own
 * HNSW graph, and a search walks only the graphs of the collections in scope. With one graph over every collection,
 * vectors added to a hidden collection near the query changed which readable neighbours the approximate search
 * found. The vectors are synthetic (pseudo-random, inserted with SQL): the property is about the index, not the model.
 */
@QuarkusTest
class LargeScopeVectorIsolationTest {

    private static final int DIMENSIONS = 384;
    private static final int DEPTH = 30;

    @Inject
    VectorRetriever retriever;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    RetrieveConfig config;

    @Test
    void approximate_vector_results_do_not_change_with_the_content_of_an_unreadable_collection() throws Exception {
        long readableA = collection("Readable A (vector isolation)");
        long readableB = collection("Readable B (vector isolation)");
        long hidden = collection("Hidden (vector isolation)");
        int perCollection = config.exactVectorMaxChunks() / 2 + 300;
        fill(readableA, perCollection, 1);
        fill(readableB, perCollection, 2);
        fill(hidden, 1_000, 3);
        AccessScope scope = AccessScope.of(List.of(readableA, readableB));
        List<float[]> queries = VectorIndexes.randomVectors(8, DIMENSIONS, 42);

        List<String> before = observe(scope, queries);
        fill(hidden, 6_000, 4, queries); // close to every query: with one shared graph, these reroute the search
        List<String> crowded = observe(scope, queries);
        delete(hidden);
        List<String> emptied = observe(scope, queries);

        assertTrue(before.stream().allMatch(r -> r.split(";").length == DEPTH), "every query finds " + DEPTH);
        assertEquals(before, crowded, "results moved when the hidden collection filled up");
        assertEquals(before, emptied, "results moved when the hidden collection was emptied");
        List<String> hiddenOwn = observe(AccessScope.of(List.of(hidden)), queries);
        assertTrue(hiddenOwn.stream().allMatch(String::isEmpty), "the hidden collection is empty again");
    }

    @Test
    void a_collection_gets_its_own_vector_index_which_goes_with_it() throws Exception {
        long id = collection("Own index (vector isolation)");
        int generation = activeGeneration();
        assertEquals(List.of("chunk_vectors_g" + generation + "_c" + id + "_hnsw"), VectorIndexes.of(dataSource, id));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM collections WHERE id = " + id);
        }
        assertEquals(List.of(), VectorIndexes.of(dataSource, id));
    }

    private int activeGeneration() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM embedding_generations WHERE state = 'ACTIVE'")) {
            assertTrue(rs.next(), "an active embedding generation");
            return rs.getInt(1);
        }
    }


    /** Ids and scores of the nearest chunks, as text, per query. */
    private List<String> observe(AccessScope scope, List<float[]> queries) {
        List<String> seen = new ArrayList<>();
        for (float[] q : queries) {
            StringBuilder s = new StringBuilder();
            for (RankedHit hit : retriever.nearest(q, scope, null, DEPTH)) {
                s.append(hit.chunkId()).append('=').append(hit.score()).append(';');
            }
            seen.add(s.toString());
        }
        return seen;
    }

    private long collection(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("INSERT INTO collections(name) VALUES ('" + name + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void fill(long collection, int chunks, int seed) throws SQLException {
        fill(collection, chunks, seed, List.of());
    }

    /**
     * Chunks with pseudo-random vectors (seeded in SQL), in documents of 100 chunks; near {@code around} when
     * given (each vector is one of them plus small noise).
     */
    private void fill(long collection, int chunks, int seed, List<float[]> around) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT setseed(" + (seed / 10.0) + ")");
            st.execute("INSERT INTO documents(collection_id, name, content_type, size_bytes, sha256, status, chunk_count) "
                    + "SELECT " + collection + ", 'synthetic-" + seed + "-' || g || '.txt', 'text/plain', 1, "
                    + "lpad(md5(g::text), 64, '0'), 'READY', 100 FROM generate_series(1, " + (chunks + 99) / 100 + ") g");
            String centre = around.isEmpty() ? "0" : "(ARRAY[" + String.join(",", around.stream()
                    .map(LargeScopeVectorIsolationTest::literal).toList()) + "])[1 + n % " + around.size() + "][i]";
            String noise = around.isEmpty() ? "random() - 0.5" : "(random() - 0.5) * 0.02";
            st.execute("INSERT INTO chunks(document_id, collection_id, ordinal, text, start_offset, end_offset) "
                    + "SELECT d.id, " + collection + ", n % 100, 'synthetic', 0, 9 "
                    + "FROM generate_series(0, " + (chunks - 1) + ") n JOIN LATERAL (SELECT id FROM documents WHERE "
                    + "collection_id = " + collection + " AND name = 'synthetic-" + seed + "-' || (n / 100 + 1) || '.txt') d "
                    + "ON true");
            // the vectors go into the active embedding generation, as ingestion writes them
            st.execute("INSERT INTO chunk_vectors(generation_id, chunk_id, collection_id, document_id, embedding) "
                    + "SELECT (SELECT id FROM embedding_generations WHERE state = 'ACTIVE'), c.id, c.collection_id, "
                    + "c.document_id, (SELECT array_agg(" + centre.replace("1 + n %", "1 + c.ordinal %") + " + " + noise
                    + " ORDER BY i) FROM generate_series(1, " + DIMENSIONS + ") i WHERE c.id >= 0)::vector "
                    + "FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.collection_id = " + collection
                    + " AND d.name LIKE 'synthetic-" + seed + "-%' ORDER BY c.id");
        }
    }

    private void delete(long collection) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM documents WHERE collection_id = " + collection);
            st.execute("VACUUM chunk_vectors");
        }
    }


    private static String literal(float[] v) {
        StringBuilder s = new StringBuilder("ARRAY[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.append("]::real[]").toString();
    }
}
