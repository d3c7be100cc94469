package io.docqa.ingest;

import static io.docqa.testing.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import io.docqa.cluster.ClusterLocks;
import io.docqa.ingest.index.BulkVectorIndex;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RankedHit;
import io.docqa.retrieve.core.RetrieveConfig;
import io.docqa.retrieve.vector.VectorRetriever;
import io.docqa.testing.Api;
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
 * A bulk load into a collection stores its vectors without inserting them into the collection's HNSW graph, and the
 * graph is built once when the load is done; searches during the load are exact. Real PostgreSQL and pgvector; the
 * queued documents are rows due tomorrow, so no worker takes them, and the vectors are synthetic (the property is
 * about the index, not the model).
 */
@QuarkusTest
class BulkVectorIndexTest {

    private static final int DIMENSIONS = 384;
    private static final int DEPTH = 20;

    @Inject
    BulkVectorIndex bulk;
    @Inject
    VectorRetriever retriever;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    RetrieveConfig config;

    @Test
    void a_bulk_load_fills_the_collection_without_its_graph_and_builds_the_graph_once_at_the_end() throws Exception {
        long id = Api.createCollection("Bulk load (vector index)");
        assertEquals(List.of(indexName(id)), VectorIndexes.of(dataSource, id), "a new collection has its graph");
        queue(id, 120);

        bulk.beforeIngest(id);

        assertEquals("DEFERRED", bulk.state(id));
        assertEquals(List.of(), VectorIndexes.of(dataSource, id), "the graph is dropped for the load");
        asAdmin().get("/api/collections/" + id).then().statusCode(200)
                .body("vectorIndex", equalTo("DEFERRED"));
        // more vectors than exact search takes, so the search goes the approximate way, which finds no graph
        fill(id, config.exactVectorMaxChunks() + 500);
        List<float[]> queries = VectorIndexes.randomVectors(5, DIMENSIONS, 7);
        for (float[] q : queries) {
            assertEquals(exactNearest(id, q), ids(retriever.nearest(q, AccessScope.of(List.of(id)), null, DEPTH)),
                    "during the load, searches compare every vector");
        }

        bulk.afterIngest(id);
        assertEquals("DEFERRED", bulk.state(id), "documents are still queued: no graph yet");

        finishQueued(id);
        bulk.afterIngest(id);

        assertEquals("READY", bulk.state(id));
        assertEquals(List.of(indexName(id)), VectorIndexes.of(dataSource, id));
        assertTrue(valid(indexName(id)), "the built graph is valid");
        asAdmin().get("/api/collections/" + id).then().statusCode(200)
                .body("vectorIndex", equalTo("READY"));
        // stored vectors searched for come first: the built graph holds the vectors of the load
        List<Long> sample = new ArrayList<>();
        List<float[]> stored = storedVectors(id, 20, sample);
        int first = 0;
        for (int i = 0; i < stored.size(); i++) {
            List<RankedHit> hits = retriever.nearest(stored.get(i), AccessScope.of(List.of(id)), null, DEPTH);
            first += !hits.isEmpty() && hits.get(0).chunkId() == sample.get(i) ? 1 : 0;
        }
        assertTrue(first >= 19, "stored vectors found first: " + first + " of 20");
    }

    /** {@code n} stored vectors of the collection, their chunk ids added to {@code ids}. */
    private List<float[]> storedVectors(long collection, int n, List<Long> ids) throws SQLException {
        List<float[]> vectors = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT chunk_id, embedding::text FROM chunk_vectors WHERE collection_id = "
                        + collection + " ORDER BY chunk_id LIMIT " + n + " OFFSET 37")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                vectors.add(new PGvector(rs.getString(2)).toArray());
            }
        }
        return vectors;
    }

    @Test
    void a_small_upload_or_one_smaller_than_the_collection_keeps_the_graph() throws Exception {
        long small = Api.createCollection("Small upload (vector index)");
        long large = Api.createCollection("Large collection (vector index)");
        try {
            queue(small, 20);
            bulk.beforeIngest(small);
            assertEquals("READY", bulk.state(small));
            assertEquals(List.of(indexName(small)), VectorIndexes.of(dataSource, small));

            ready(large, 300);
            queue(large, 150);
            bulk.beforeIngest(large);
            assertEquals("READY", bulk.state(large), "150 new documents beside 300 go into the graph one by one");
            assertEquals(List.of(indexName(large)), VectorIndexes.of(dataSource, large));
        } finally {
            finishQueued(small);
            finishQueued(large);
        }
    }

    @Test
    void a_build_left_by_an_instance_that_died_is_taken_over_and_a_running_one_is_left_alone() throws Exception {
        long id = Api.createCollection("Interrupted build (vector index)");
        fill(id, 500);
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            // another live instance building: it holds the collection's lock
            st.execute("SELECT pg_advisory_lock(" + ClusterLocks.NAMESPACE + ", "
                    + ClusterLocks.key("vector-index-" + id) + ")");
            st.execute("DROP INDEX " + indexName(id));
            st.execute("UPDATE collections SET vector_index = 'BUILDING' WHERE id = " + id);
            bulk.reconcile();
            assertEquals("BUILDING", bulk.state(id));
            assertEquals(List.of(), VectorIndexes.of(dataSource, id), "nobody builds beside the instance holding the lock");
            st.execute("SELECT pg_advisory_unlock_all()");
        }
        bulk.reconcile(); // the builder is gone (its connection released the lock)
        assertEquals("READY", bulk.state(id));
        assertEquals(List.of(indexName(id)), VectorIndexes.of(dataSource, id));
        assertTrue(valid(indexName(id)));
    }

    private String indexName(long collection) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT chunk_vectors_index_name((SELECT id FROM embedding_generations "
                        + "WHERE state = 'ACTIVE'), " + collection + ")")) {
            rs.next();
            return rs.getString(1);
        }
    }


    private boolean valid(String index) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT i.indisvalid FROM pg_index i JOIN pg_class r ON r.oid = "
                        + "i.indexrelid WHERE r.relname = '" + index + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Documents queued for tomorrow: pending for the load, but no worker takes them during the test. */
    private void queue(long collection, int documents) throws SQLException {
        documents(collection, documents, "QUEUED", "queued");
    }

    private void ready(long collection, int documents) throws SQLException {
        documents(collection, documents, "READY", "ready");
    }

    private void documents(long collection, int documents, String status, String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO documents(collection_id, name, content_type, size_bytes, sha256, status, "
                    + "next_attempt_at) SELECT " + collection + ", '" + prefix + "-' || g || '.txt', 'text/plain', 1, "
                    + "lpad(md5(g::text), 64, '0'), '" + status + "', now() + interval '1 day' "
                    + "FROM generate_series(1, " + documents + ") g");
        }
    }

    private void finishQueued(long collection) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE documents SET status = 'READY' WHERE collection_id = " + collection
                    + " AND status = 'QUEUED'");
        }
    }

    /** Chunks with pseudo-random vectors in the active generation, in one READY document, as ingestion stores them. */
    private void fill(long collection, int chunks) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT setseed(0.3)");
            long document;
            try (ResultSet rs = st.executeQuery("INSERT INTO documents(collection_id, name, content_type, size_bytes, "
                    + "sha256, status, chunk_count) VALUES (" + collection + ", 'vectors.txt', 'text/plain', 1, "
                    + "lpad('1', 64, '0'), 'READY', " + chunks + ") RETURNING id")) {
                rs.next();
                document = rs.getLong(1);
            }
            st.execute("INSERT INTO chunks(document_id, collection_id, ordinal, text, start_offset, end_offset) "
                    + "SELECT " + document + ", " + collection + ", n, 'synthetic', 0, 9 FROM generate_series(0, "
                    + (chunks - 1) + ") n");
            st.execute("INSERT INTO chunk_vectors(generation_id, chunk_id, collection_id, document_id, embedding) "
                    + "SELECT (SELECT id FROM embedding_generations WHERE state = 'ACTIVE'), c.id, c.collection_id, "
                    + "c.document_id, (SELECT array_agg(random() - 0.5) FROM generate_series(1, " + DIMENSIONS
                    + ") i WHERE c.id >= 0)::vector FROM chunks c WHERE c.document_id = " + document);
        }
    }

    /** The ids of the {@link #DEPTH} nearest vectors of the collection, compared one by one. */
    private List<Long> exactNearest(long collection, float[] q) throws SQLException {
        StringBuilder v = new StringBuilder("'[");
        for (int i = 0; i < q.length; i++) {
            v.append(i == 0 ? "" : ",").append(q[i]);
        }
        v.append("]'::vector");
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT chunk_id FROM chunk_vectors WHERE collection_id = " + collection
                        + " ORDER BY embedding <=> " + v + ", chunk_id LIMIT " + DEPTH)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static List<Long> ids(List<RankedHit> hits) {
        return hits.stream().map(RankedHit::chunkId).toList();
    }

}
