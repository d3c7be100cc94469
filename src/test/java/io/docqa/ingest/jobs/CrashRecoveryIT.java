package io.docqa.ingest.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docqa.cli.ApiClient;
import io.docqa.corpus.IndexFields;
import io.docqa.testing.Api;
import io.docqa.testing.GeneratedTexts;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged app during ingestion, twice, then a restart: every document ends READY or FAILED, none is
 * lost, no chunk is duplicated, and the Lucene index holds exactly the chunk ids that PostgreSQL holds.
 */
class CrashRecoveryIT {

    private static final int FILES = 10;

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private Map<String, String> settings;
    private PackagedServer server;
    private Path work;

    @BeforeEach
    void setUp() throws Exception {
        settings = new HashMap<>(database.start());
        work = Files.createTempDirectory("docqa-crash");
        settings.put("docqa.ingest.jobs.initial-backoff", "PT0.2S");
        // the restarted process is the same instance: it resumes its own interrupted jobs at once instead of waiting
        // for their leases to run out (LeaseTakeoverIT covers a takeover by another instance)
        settings.put("docqa.cluster.instance-id", "crash-recovery");
        server = new PackagedServer(settings, Path.of("target/crash-recovery-it.log"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop();
        }
        database.stop();
    }

    @Test
    void after_kill_minus_9_during_ingestion_every_document_finishes_and_lucene_agrees_with_postgresql()
            throws Exception {
        server.start();
        ApiClient api = server.client();
        long collection = api.post("/api/collections", Map.of("name", "Crash test")).get("id").asLong();
        List<Path> files = new ArrayList<>(writeTextFiles(FILES));
        files.add(Api.FIXTURES.resolve("service-agreement.pdf"));
        files.add(Api.FIXTURES.resolve("employee-handbook.docx"));
        JsonNode upload = api.upload("/api/collections/" + collection + "/documents", files);
        Set<Long> ids = new TreeSet<>();
        upload.get("documents").forEach(d -> ids.add(d.get("id").asLong()));
        assertEquals(files.size(), ids.size());

        // First kill while the first documents are being embedded, second after some are READY.
        awaitCount(api, ids, "PROCESSING", 1);
        server.kill();
        server.start();
        awaitCount(api, ids, "READY", 3);
        server.kill();
        server.start();

        for (long id : ids) {
            JsonNode doc = PackagedServer.awaitFinal(api, id);
            assertEquals("READY", doc.get("status").asText(), () -> "document " + id + " failed: " + doc);
        }
        server.stop();

        List<Long> luceneIds = luceneChunkIds(Path.of(settings.get("docqa.corpus.data-dir")).resolve("index"));
        Map<Long, Integer> perDocument = new HashMap<>();
        List<Long> pgIds = new ArrayList<>();
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT c.id, c.document_id FROM chunks c ORDER BY c.id")) {
                while (rs.next()) {
                    pgIds.add(rs.getLong(1));
                    perDocument.merge(rs.getLong(2), 1, Integer::sum);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE status = 'READY') FROM documents")) {
                rs.next();
                assertEquals(ids.size(), rs.getInt(1), "no document is lost or duplicated");
                assertEquals(ids.size(), rs.getInt(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT d.id FROM documents d WHERE d.chunk_count <> "
                    + "(SELECT count(*) FROM chunks c WHERE c.document_id = d.id)")) {
                assertTrue(!rs.next(), "chunk_count of every document matches its stored chunks");
            }
        }
        assertEquals(ids, new TreeSet<>(perDocument.keySet()), "every document has chunks");
        assertEquals(luceneIds.size(), new HashSet<>(luceneIds).size(), "no chunk is twice in Lucene");
        assertEquals(new TreeSet<>(pgIds), new TreeSet<>(luceneIds), "Lucene holds exactly PostgreSQL's chunks");
    }

    private List<Path> writeTextFiles(int n) throws Exception {
        Random random = new Random(42);
        String[] words = ("contract invoice payment termination notice liability warranty employee vacation policy "
                + "server database index search answer citation clause section schedule exhibit annex party term "
                + "renewal confidentiality audit insurance delivery acceptance dispute arbitration governing law")
                .split(" ");
        List<Path> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            String text = GeneratedTexts.text(random, words, "Report number " + f, "in report " + f, 25, 6, 12);
            Path file = work.resolve("report-" + f + ".txt");
            Files.writeString(file, text);
            out.add(file);
        }
        return out;
    }

    private static void awaitCount(ApiClient api, Set<Long> ids, String status, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            int n = 0;
            for (long id : ids) {
                if (status.equals(api.get("/api/documents/" + id).get("status").asText())) {
                    n++;
                }
            }
            if (n >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + atLeast + " documents reached " + status);
    }

    private static List<Long> luceneChunkIds(Path index) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                var stored = leaf.reader().storedFields();
                for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                    if (live == null || live.get(i)) {
                        ids.add(stored.document(i).getField(IndexFields.CHUNK_ID).numericValue().longValue());
                    }
                }
            }
        }
        return ids;
    }
}
