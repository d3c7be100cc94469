package io.docqa.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docqa.cli.ApiClient;
import io.docqa.testing.Api;
import io.docqa.testing.GeneratedTexts;
import io.docqa.testing.LeasePdf;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import io.docqa.testing.S3Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances A and B over one PostgreSQL and one S3 bucket, each with its own data directory: 50 files
 * uploaded through A end as they would on one instance (whichever instance's worker took them), B finds every READY
 * document by vector search and serves the page image and highlights of a PDF that A received.
 */
class MultiInstanceStorageIT {

    private static final int GENERATED = 42;
    private static final Set<String> EXPECTED_FAILED = Set.of("corrupt.pdf", "encrypted.pdf");
    private static final String SPAN = "monthly rent of two thousand dollars";

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final S3Server s3 = new S3Server();
    private final List<PackagedServer> servers = new ArrayList<>();
    private Map<String, String> shared;

    @BeforeEach
    void setUp() {
        shared = new HashMap<>(database.start());
        s3.startServer();
        shared.putAll(s3.settings());
        shared.put("docqa.security.rate-limit.exempt-users", Api.ADMIN);
        shared.put("docqa.ingest.jobs.initial-backoff", "PT0.5S");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PackagedServer server : servers) {
            server.stop();
        }
        database.stop();
        s3.close();
    }

    private PackagedServer instance(String name, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("docqa.corpus.data-dir", Files.createTempDirectory("docqa-" + name).toString());
        settings.put("docqa.cluster.instance-id", name);
        settings.putAll(extra);
        PackagedServer server = new PackagedServer(settings, Path.of("target/multi-instance-storage-" + name + ".log"));
        servers.add(server);
        server.start();
        return server;
    }

    @Test
    void an_upload_on_a_is_processed_by_either_instance_and_b_finds_it_and_serves_its_pages() throws Exception {
        PackagedServer a = instance("a", Map.of());
        PackagedServer b = instance("b", Map.of("docqa.ingest.workers", "2")); // B's workers take A's uploads too
        ApiClient onA = a.client();
        ApiClient onB = b.client();
        long collection = onA.post("/api/collections", Map.of("name", "Two instances")).get("id").asLong();

        Path dir = Files.createTempDirectory("docqa-multi");
        List<Path> files = new ArrayList<>(generated(dir, GENERATED));
        for (String fixture : List.of("service-agreement.pdf", "supply-contract.pdf", "employee-handbook.docx",
                "notes.html", "licence-agreement.txt", "corrupt.pdf", "encrypted.pdf")) {
            files.add(Api.FIXTURES.resolve(fixture));
        }
        Path lease = LeasePdf.write(dir.resolve("lease.pdf"));
        files.add(lease);
        assertEquals(50, files.size());
        Map<String, Long> ids = new TreeMap<>();
        JsonNode upload = onA.upload("/api/collections/" + collection + "/documents", files);
        upload.get("documents").forEach(d -> ids.put(d.get("name").asText(), d.get("id").asLong()));
        assertEquals(50, ids.size(), upload.toString());

        Map<String, String> status = new TreeMap<>();
        for (Map.Entry<String, Long> doc : ids.entrySet()) {
            JsonNode done = PackagedServer.awaitFinal(onA, doc.getValue());
            status.put(doc.getKey(), done.get("status").asText() + (done.get("status").asText().equals("FAILED")
                    ? " " + done.get("errorCode").asText() + ": " + done.get("error").asText() : ""));
        }
        for (Map.Entry<String, String> s : status.entrySet()) {
            String expected = EXPECTED_FAILED.contains(s.getKey()) ? "FAILED" : "READY";
            assertTrue(s.getValue().startsWith(expected), s.getKey() + " is " + s.getValue() + "; all: " + status);
            assertFalse(s.getValue().contains("TRANSIENT") || s.getValue().contains("STORAGE"), s.toString());
        }

        // B, whose data directory never saw an upload, finds every READY document by vector search and by BM25 (its
        // Lucene follows PostgreSQL by itself)
        Map<Long, String> firstChunks = firstChunks();
        findsEveryReadyDocument(onB, collection, ids, firstChunks, "vector");
        findsEveryReadyDocument(onB, collection, ids, firstChunks, "bm25");

        // B serves the page image and the highlights of the PDF that A received, from the object store
        long leaseId = ids.get("lease.pdf");
        HttpResponse<byte[]> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(b.url() + "/api/documents/" + leaseId + "/pages/1")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((Api.ADMIN + ":" + Api.ADMIN_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        assertEquals("image/png", page.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(page.body(), 4));
        String text = documentText(leaseId);
        int start = text.indexOf(SPAN);
        assertTrue(start >= 0, text);
        JsonNode highlights = onB.get("/api/documents/" + leaseId + "/highlights?start=" + start + "&end="
                + (start + SPAN.length()));
        assertEquals(1, highlights.get("pages").size(), highlights.toString());
        assertEquals(1, highlights.get("pages").get(0).get("page").asInt(), highlights.toString());
    }

    @Test
    void the_s3_store_without_a_bucket_stops_the_start_with_a_message_naming_the_setting() throws Exception {
        Map<String, String> settings = new HashMap<>(shared);
        settings.remove("docqa.storage.s3.bucket");
        settings.put("docqa.corpus.data-dir", Files.createTempDirectory("docqa-no-bucket").toString());
        Path log = Path.of("target/multi-instance-storage-no-bucket.log");
        Files.deleteIfExists(log);
        PackagedServer server = new PackagedServer(settings, log);
        servers.add(server);
        IllegalStateException exited = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                server::start);
        assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
        String output = Files.readString(log);
        assertTrue(output.contains("docqa.storage.s3.bucket (DOCQA_S3_BUCKET) is required when DOCQA_STORAGE_TYPE=s3."),
                output.substring(Math.max(0, output.length() - 3000)));
    }

    @Test
    void an_instance_among_several_without_a_session_key_stops_the_start_with_a_message_naming_the_setting()
            throws Exception {
        Map<String, String> settings = new HashMap<>(shared); // an object store: instances share it
        settings.put("quarkus.http.auth.session.encryption-key", ""); // not set
        settings.put("docqa.corpus.data-dir", Files.createTempDirectory("docqa-no-session-key").toString());
        Path log = Path.of("target/multi-instance-storage-no-session-key.log");
        Files.deleteIfExists(log);
        PackagedServer server = new PackagedServer(settings, log);
        servers.add(server);
        IllegalStateException exited = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                server::start);
        assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
        String output = Files.readString(log);
        assertTrue(output.contains("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY") && output.contains("DOCQA_STORAGE_TYPE=s3"),
                output.substring(Math.max(0, output.length() - 3000)));
    }

    /** Every READY document is found on B by the given retriever, searching for its first passage. */
    private static void findsEveryReadyDocument(ApiClient onB, long collection, Map<String, Long> ids,
            Map<Long, String> firstChunks, String retriever) throws Exception {
        for (Map.Entry<String, Long> doc : ids.entrySet()) {
            if (EXPECTED_FAILED.contains(doc.getKey())) {
                continue;
            }
            String query = firstChunks.get(doc.getValue());
            JsonNode found = onB.post("/api/search", Map.of("query", query.substring(0, Math.min(300, query.length())),
                    "collections", List.of(collection), "limit", 10, "retriever", retriever));
            List<Long> documentIds = new ArrayList<>();
            found.get("results").forEach(r -> documentIds.add(r.get("documentId").asLong()));
            assertTrue(documentIds.contains(doc.getValue()),
                    doc.getKey() + " not found by " + retriever + " on B: " + documentIds);
        }
    }

    /** Text and markdown files of different subjects, a few paragraphs each. */
    private static List<Path> generated(Path dir, int n) throws Exception {
        Random random = new Random(15);
        String[] words = ("contract invoice payment termination notice liability warranty employee vacation policy "
                + "server database index search answer citation clause section schedule exhibit annex party term "
                + "renewal confidentiality audit insurance delivery acceptance dispute arbitration governing law "
                + "harbour orchard glacier violin pepper lantern meadow copper falcon saddle turbine quartz")
                .split(" ");
        List<Path> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            boolean markdown = f % 2 == 1;
            String text = GeneratedTexts.text(random, words, markdown ? "# Memo " + f : "Memo number " + f, "in memo " + f,
                    4, 5, 10);
            Path file = dir.resolve("memo-" + f + (markdown ? ".md" : ".txt"));
            Files.writeString(file, text);
            out.add(file);
        }
        return out;
    }

    private Map<Long, String> firstChunks() throws Exception {
        Map<Long, String> first = new HashMap<>();
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT DISTINCT ON (document_id) document_id, text FROM chunks ORDER BY document_id, ordinal");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                first.put(rs.getLong(1), rs.getString(2));
            }
        }
        return first;
    }

    private String documentText(long id) throws Exception {
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement("SELECT text FROM documents WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }
}
