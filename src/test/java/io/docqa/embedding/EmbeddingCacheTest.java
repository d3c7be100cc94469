package io.docqa.embedding;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.embedding.EmbeddingCacheRepository;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passage vectors come from the PostgreSQL embedding cache when the same text was embedded before. */
@QuarkusTest
class EmbeddingCacheTest {

    @Inject
    Embedder embedder;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EmbeddingCacheRepository cache;

    @Test
    void the_same_document_in_a_second_collection_costs_no_model_call_and_gets_identical_vectors() throws Exception {
        long first = Api.createCollection("Cache first copy");
        long second = Api.createCollection("Cache second copy");
        long a = ingest(first, "employee-handbook.docx");
        long before = embedder.embeddedTextCount();
        long b = ingest(second, "employee-handbook.docx");

        assertEquals(before, embedder.embeddedTextCount(), "the second copy was embedded by the model again");
        List<String> vectorsA = vectors(a);
        assertTrue(vectorsA.size() >= 2, "the handbook has several chunks");
        assertEquals(vectorsA, vectors(b));
    }

    @Test
    void after_a_purge_the_model_embeds_again_and_only_admins_may_purge() throws Exception {
        ingest(Api.createCollection("Cache before purge"), "supply-contract.pdf");
        asAdmin().get("/api/admin/embedding-cache").then().statusCode(200);
        long cached = asAdmin().get("/api/admin/embedding-cache").then().extract().jsonPath().getLong("vectors");
        assertTrue(cached > 0);

        asAdmin().contentType(ContentType.JSON).body(Map.of("username", "cache-reader", "password", "reader-password-1",
                "role", "READER")).post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("cache-reader", "reader-password-1").post("/api/admin/embedding-cache/purge")
                .then().statusCode(403);
        given().post("/api/admin/embedding-cache/purge").then().statusCode(401);

        long purged = asAdmin().post("/api/admin/embedding-cache/purge").then().statusCode(200).extract().jsonPath()
                .getLong("purged");
        assertTrue(purged >= cached);
        assertEquals(0, asAdmin().get("/api/admin/embedding-cache").then().extract().jsonPath().getLong("vectors"));

        long before = embedder.embeddedTextCount();
        ingest(Api.createCollection("Cache after purge"), "supply-contract.pdf");
        assertTrue(embedder.embeddedTextCount() > before, "a purged cache must not answer");
        assertTrue(asAdmin().get("/api/admin/embedding-cache").then().extract().jsonPath().getLong("vectors") > 0,
                "the cache refills");
    }

    @Test
    void the_cache_is_bounded_and_the_oldest_vectors_go_first() throws Exception {
        String model = "bound-test-" + System.nanoTime();
        float[] v = new float[384];
        v[0] = 1;
        cache.store(model, Map.of("a".repeat(64), v, "b".repeat(64), v, "c".repeat(64), v));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE embedding_cache SET created_at = ?::timestamptz WHERE model = ? AND text_sha256 = ?")) {
            for (String[] age : new String[][] {{"2001-01-01", "a"}, {"2002-01-01", "b"}, {"2030-01-01", "c"}}) {
                ps.setString(1, age[0]);
                ps.setString(2, model);
                ps.setString(3, age[1].repeat(64));
                ps.executeUpdate();
            }
        }
        long size = cache.size();
        assertEquals(0, cache.trim(size), "within the bound nothing is removed");
        assertEquals(2, cache.trim(size - 2));
        Map<String, float[]> left = cache.find(model, List.of("a".repeat(64), "b".repeat(64), "c".repeat(64)));
        assertEquals(List.of("c".repeat(64)), new ArrayList<>(left.keySet()), "the two oldest were removed");
    }

    @Test
    void a_lookup_reads_only_the_entries_it_asks_for_however_large_the_cache_grew_since_its_first_use() throws Exception {
        // its own empty cache table, so that the lookup is first used while the cache is empty, as after installation
        try (Connection c = dataSource.getConnection()) {
            try {
                execute(c, "DROP SCHEMA IF EXISTS cache_plan_test CASCADE", "CREATE SCHEMA cache_plan_test",
                        "CREATE TABLE cache_plan_test.embedding_cache (LIKE public.embedding_cache INCLUDING ALL)",
                        "SET search_path = cache_plan_test, public");
                for (int i = 0; i < 15; i++) {
                    assertTrue(cache.find(c, "plan-test", List.of(hash(i))).isEmpty());
                }
                execute(c, "INSERT INTO embedding_cache(model, text_sha256, embedding) SELECT 'plan-test', "
                        + "lpad(to_hex(g), 64, '0'), array_fill(0.1::real, ARRAY[384])::vector FROM generate_series(0, 2999) g");
                c.setAutoCommit(false);
                long before = tuplesFetched(c);
                Map<String, float[]> found = cache.find(c, "plan-test", List.of(hash(7), hash(2500), hash(5000)));
                long fetched = tuplesFetched(c) - before;
                c.rollback();
                assertEquals(java.util.Set.of(hash(7), hash(2500)), found.keySet());
                assertTrue(fetched <= 10, "looking up 3 of 3,000 cached vectors read " + fetched + " rows");
            } finally {
                c.setAutoCommit(true);
                execute(c, "RESET search_path", "DROP SCHEMA IF EXISTS cache_plan_test CASCADE");
            }
        }
    }

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    private static void execute(Connection c, String... statements) throws Exception {
        try (java.sql.Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Table rows read through the indexes of the cache table in the current transaction. */
    private static long tuplesFetched(Connection c) throws Exception {
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(sum(pg_stat_get_xact_tuples_fetched(indexrelid)), 0) FROM pg_index "
                        + "WHERE indrelid = 'embedding_cache'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void repeated_texts_in_one_batch_are_embedded_once_and_returned_in_order() {
        String unique = "A sentence that only this test embeds " + System.nanoTime();
        long before = embedder.embeddedTextCount();
        List<float[]> vectors = embedder.embedPassages(List.of(unique, "Second text " + unique, unique));
        assertEquals(2, embedder.embeddedTextCount() - before);
        assertEquals(3, vectors.size());
        assertTrue(java.util.Arrays.equals(vectors.get(0), vectors.get(2)));
        assertFalse(java.util.Arrays.equals(vectors.get(0), vectors.get(1)));
        List<float[]> again = embedder.embedPassages(List.of("Second text " + unique, unique));
        assertEquals(2, embedder.embeddedTextCount() - before, "both texts come from the cache now");
        assertTrue(java.util.Arrays.equals(vectors.get(1), again.get(0)));
        assertTrue(java.util.Arrays.equals(vectors.get(0), again.get(1)));
    }

    private static long ingest(long collection, String fixture) {
        long id = Api.upload(collection, fixture).then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        Map<String, Object> doc = Api.awaitFinal(id);
        assertEquals("READY", doc.get("status"), () -> "ingestion failed: " + doc.get("error"));
        return id;
    }

    private List<String> vectors(long documentId) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v.embedding::text FROM chunks c "
                        + "JOIN chunk_vectors v ON v.chunk_id = c.id WHERE c.document_id = ? ORDER BY c.ordinal")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
