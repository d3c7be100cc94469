package io.docqa.ingest.jobs;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.ChunkRepository;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import io.agroal.api.AgroalDataSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Jobs through the REST API on the real stack: progress, batches, cancel, versions, ZIP uploads, reindex. */
@QuarkusTest
class IngestionJobsTest {

    @Inject
    LuceneChunkWriter lucene;

    @Inject
    ChunkRepository chunks;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_ready_document_reports_full_progress_and_its_batch_counts_it() {
        long collection = Api.createCollection("Progress");
        JsonPath upload = Api.upload(collection, "notes.html", "empty.txt").then().statusCode(202).extract().jsonPath();
        String batch = upload.getString("batchId");
        assertFalse(batch == null || batch.isBlank(), "the upload names its batch");
        Map<String, Object> doc = Api.awaitFinal(upload.getLong("documents[0].id"));
        assertEquals("READY", doc.get("status"));
        JsonPath detail = asAdmin().get("/api/documents/" + doc.get("id")).then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, detail.getDouble("progress.value"));
        assertEquals("DONE", detail.getString("progress.stage"));
        assertEquals(1, detail.getInt("progress.attempts"));
        assertEquals(batch, detail.getString("batchId"));

        JsonPath summary = asAdmin().get("/api/batches/" + batch).then().statusCode(200).extract().jsonPath();
        assertEquals(2, summary.getInt("total"));
        assertEquals(1, summary.getInt("ready"));
        assertEquals(1, summary.getInt("failed"), "the empty file fails at once");
        assertTrue(summary.getBoolean("finished"));
        assertEquals("empty.txt", summary.getString("failures[0].name"));
        asAdmin().get("/api/batches/no-such-batch").then().statusCode(404);
    }

    @Test
    void cancelling_a_batch_stops_its_queued_documents_with_a_clear_reason() throws Exception {
        long collection = Api.createCollection("Cancel");
        Path dir = Files.createTempDirectory("cancel");
        RequestSpecification req = asAdmin();
        for (int i = 0; i < 12; i++) {
            Path f = dir.resolve("memo-" + i + ".txt");
            Files.writeString(f, ("Memo " + i + " about the quarterly budget review and staffing. ").repeat(300));
            req = req.multiPart("file", f.toFile());
        }
        JsonPath upload = req.post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath();
        String batch = upload.getString("batchId");
        int cancelled = asAdmin().post("/api/batches/" + batch + "/cancel").then().statusCode(202).extract().jsonPath()
                .getInt("cancelled");
        assertTrue(cancelled > 0, "some documents were still unfinished");
        int cancelledDocs = 0;
        for (Object id : upload.getList("documents.id")) {
            Map<String, Object> doc = Api.awaitFinal(((Number) id).longValue());
            if ("FAILED".equals(doc.get("status"))) {
                assertEquals("CANCELLED", doc.get("errorCode"));
                assertEquals("Cancelled by admin.", doc.get("error"));
                cancelledDocs++;
            }
        }
        assertEquals(cancelled, cancelledDocs, "every document flagged for cancel ends cancelled");
        JsonPath jobs = asAdmin().get("/api/jobs").then().statusCode(200).extract().jsonPath();
        assertTrue(jobs.getList("jobs.errorCode").contains("CANCELLED"), "GET /api/jobs lists the cancelled work");
        asAdmin().post("/api/documents/" + upload.getLong("documents[0].id") + "/cancel").then().statusCode(409);
    }

    @Test
    void uploading_a_new_version_replaces_the_old_chunks_in_both_indexes() throws Exception {
        long collection = Api.createCollection("Versions");
        Path dir = Files.createTempDirectory("versions");
        Path v1 = dir.resolve("policy.txt");
        Files.writeString(v1, "Travel policy. Employees may book economy class flights for trips under six hours. "
                + "Hotel stays are reimbursed up to one hundred euros per night.");
        long first = uploadFile(collection, v1);
        assertEquals("READY", Api.awaitFinal(first).get("status"));
        assertEquals(first, uploadFile(collection, v1), "the same bytes again give the same document");

        Files.writeString(v1, "Travel policy. Employees may book business class flights for trips over eight hours. "
                + "Hotel stays are reimbursed up to one hundred fifty euros per night.");
        long second = uploadFile(collection, v1);
        assertNotEquals(first, second);
        Map<String, Object> doc = Api.awaitFinal(second);
        assertEquals("READY", doc.get("status"));
        assertEquals(2, asAdmin().get("/api/documents/" + second).jsonPath().getInt("version"));
        asAdmin().get("/api/documents/" + first).then().statusCode(404);
        assertEquals(0, chunks.countByDocument(first), "old chunks are gone from PostgreSQL");
        List<String> texts = Api.search("hotel reimbursed per night", List.of(collection), 10).jsonPath()
                .getList("results.text");
        assertEquals(0, lucene.countDocument(first), "old chunks are gone from Lucene");
        assertFalse(texts.isEmpty());
        assertTrue(texts.stream().allMatch(t -> t.contains("one hundred fifty")), texts.toString());
        assertEquals(1, asAdmin().get("/api/collections/" + collection + "/documents").jsonPath().getList("id").size());
    }

    @Test
    void a_zip_upload_with_expand_becomes_one_document_per_member_and_an_oversized_member_fails() throws Exception {
        long collection = Api.createCollection("Zip");
        Path zip = Files.createTempDirectory("zip").resolve("bundle.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("policies/notes.html"));
            out.write(Files.readAllBytes(Api.FIXTURES.resolve("notes.html")));
            out.putNextEntry(new ZipEntry("employee-handbook.docx"));
            out.write(Files.readAllBytes(Api.FIXTURES.resolve("employee-handbook.docx")));
            out.putNextEntry(new ZipEntry("bomb.txt")); // 6 MB of one letter: compresses to a few kB, over the 5 MB limit
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 6; i++) {
                out.write(block);
            }
            out.closeEntry();
        }
        JsonPath upload = asAdmin().multiPart("file", zip.toFile()).queryParam("expand", true)
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath();
        assertEquals(List.of("policies › notes.html", "employee-handbook.docx", "bomb.txt"),
                upload.getList("documents.name"));
        assertEquals("READY", Api.awaitFinal(upload.getLong("documents[0].id")).get("status"));
        assertEquals("READY", Api.awaitFinal(upload.getLong("documents[1].id")).get("status"));
        Map<String, Object> bomb = Api.awaitFinal(upload.getLong("documents[2].id"));
        assertEquals("FAILED", bomb.get("status"));
        assertEquals("TOO_LARGE", bomb.get("errorCode"));
    }

    @Test
    void reindex_rebuilds_lucene_from_postgresql_and_only_admins_may_run_it() throws Exception {
        long collection = Api.createCollection("Reindex");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        given().post("/api/admin/reindex").then().statusCode(401);
        JsonPath result = asAdmin().post("/api/admin/reindex").then().statusCode(200).extract().jsonPath();
        assertTrue(result.getInt("documents") >= 1);
        assertEquals(new TreeSet<>(pgChunkIds()), new TreeSet<>(lucene.committedChunkIds()));
        assertTrue(Api.search("invoices payable", List.of(collection), 5).jsonPath().getList("results").size() > 0,
                "search works on the rebuilt index");
    }

    @Test
    void a_database_failure_while_storing_is_retried_and_the_document_still_becomes_ready() throws Exception {
        long collection = Api.createCollection("Retry");
        Path file = Files.createTempDirectory("retry").resolve("retry-me.txt");
        Files.writeString(file, "Retention policy. Invoices are archived for ten years after the end of the fiscal year.");
        long id;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE chunks RENAME TO chunks_unavailable"); // a real storage failure, not a stub
            try {
                id = uploadFile(collection, file);
                long deadline = System.nanoTime() + 120_000_000_000L;
                JsonPath doc;
                do {
                    Thread.sleep(200);
                    doc = asAdmin().get("/api/documents/" + id).jsonPath();
                } while (doc.getString("progress.lastError") == null && !"FAILED".equals(doc.getString("status"))
                        && System.nanoTime() < deadline);
                assertNotEquals("FAILED", doc.getString("status"), "a transient failure is not final: " + doc.prettify());
                assertNotEquals("READY", doc.getString("status"));
                assertTrue(doc.getString("progress.lastError").contains("chunks"), doc.getString("progress.lastError"));
            } finally {
                st.execute("ALTER TABLE chunks_unavailable RENAME TO chunks");
            }
        }
        Map<String, Object> done = Api.awaitFinal(id);
        assertEquals("READY", done.get("status"), () -> "retry failed: " + done);
        assertTrue(asAdmin().get("/api/documents/" + id).jsonPath().getInt("progress.attempts") >= 2);
    }

    private List<Long> pgChunkIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id "
                        + "WHERE d.status = 'READY'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long uploadFile(long collection, Path file) {
        return asAdmin().multiPart("file", file.toFile()).post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
    }
}
