package io.docqa.storage;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.corpus.StorageConfig;
import io.docqa.ingest.OrphanedOriginals;
import io.docqa.ingest.jobs.IngestWorker;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.testing.Api;
import io.docqa.testing.LeasePdf;
import io.docqa.testing.S3Server;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The app with {@code DOCQA_STORAGE_TYPE=s3} over a real S3 server: originals live in the bucket (not on the local
 * disk), PDF pages and highlights are served from them, delete removes the object; a store that is down refuses
 * uploads with 503 and keeps queued jobs waiting through retries instead of losing them.
 */
@QuarkusTest
@TestProfile(S3StorageTest.S3Storage.class)
class S3StorageTest {

    public static class S3Storage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.ingest.jobs.max-attempts", "3", "docqa.ingest.jobs.initial-backoff", "PT1S",
                    "docqa.ingest.jobs.max-backoff", "PT2S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3Server.class));
        }
    }

    @S3Server.Inject
    S3Server server;

    @Inject
    StorageConfig storage;

    @Inject
    DocumentRepository documents;

    @Inject
    JobRepository jobs;

    @Inject
    OriginalsStore originals;

    @Inject
    IngestWorker worker;

    @Inject
    OrphanedOriginals orphans;

    private boolean inBucket(long documentId) {
        try (S3Client s3 = server.client()) {
            s3.headObject(h -> h.bucket(server.bucket()).key("originals/" + documentId));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Empties this instance's read cache, as if another instance had received the upload. */
    private void forgetLocalCopies() throws IOException {
        try (Stream<Path> files = Files.list(storage.dataDir().resolve("originals-cache"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void an_uploaded_pdf_is_kept_in_the_bucket_and_its_pages_and_highlights_are_served_from_there() throws IOException {
        long collection = Api.createCollection("S3 pages");
        Path pdf = LeasePdf.write(Files.createTempDirectory("s3-pages").resolve("lease.pdf"));
        long id = asAdmin().multiPart("file", pdf.toFile()).post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        assertTrue(inBucket(id), "the original is an object in the bucket");
        assertFalse(Files.exists(storage.originalsDir().resolve(Long.toString(id))), "and not a file of this instance");

        forgetLocalCopies();
        byte[] png = asAdmin().get("/api/documents/" + id + "/pages/1").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertTrue(png.length > 1000, png.length + " bytes");
        forgetLocalCopies();
        String text = documents.textAround(id, 0, 0, 100_000).orElseThrow().text();
        int start = text.indexOf("monthly rent of two thousand dollars");
        JsonPath h = asAdmin().queryParam("start", start).queryParam("end", start + 36)
                .get("/api/documents/" + id + "/highlights").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1), h.getList("pages.page"), h.prettify());
    }

    @Test
    void deleting_a_document_removes_its_object_from_the_bucket() {
        long collection = Api.createCollection("S3 delete");
        long id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        assertTrue(inBucket(id));
        asAdmin().delete("/api/documents/" + id).then().statusCode(204);
        assertFalse(inBucket(id));
    }

    @Test
    void an_original_left_behind_by_a_deletion_while_the_store_was_down_is_removed_once_the_store_is_back() {
        long collection = Api.createCollection("S3 delete while down");
        long id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        long waitingBefore = orphans.waiting();
        server.stopServer();
        try {
            asAdmin().delete("/api/documents/" + id).then().statusCode(204);
            asAdmin().get("/api/documents/" + id).then().statusCode(404);
            assertEquals(waitingBefore + 1, orphans.waiting(), "the object left behind is recorded");
            assertEquals(0, orphans.retry(), "nothing can be removed while the store is down");
        } finally {
            server.startServer();
        }
        assertTrue(inBucket(id), "the original outlived its document");
        assertTrue(orphans.retry() >= 1);
        assertFalse(inBucket(id), "and is removed once the store is back");
        assertEquals(0, orphans.waiting());
    }

    @Test
    void an_upload_while_the_store_is_down_is_refused_with_503_and_nothing_is_kept() {
        long collection = Api.createCollection("S3 down");
        server.stopServer();
        try {
            JsonPath refused = Api.upload(collection, "licence-agreement.txt").then().statusCode(503)
                    .header("Retry-After", "30").extract().jsonPath();
            assertTrue(refused.getString("message").contains("document store is unavailable"), refused.prettify());
        } finally {
            server.startServer();
        }
        assertEquals(0, documents.countInCollection(collection), "no document row was left behind");
        long id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"), "the same upload is accepted once the store is back");
    }

    /** A document kept in the bucket by "another instance" and queued, while the store is down. */
    private long queuedWhileTheStoreIsDown(long collection, String name) throws IOException {
        byte[] content = ("Clause 1. The supplier delivers " + name + " within thirty days.")
                .getBytes(StandardCharsets.UTF_8);
        OriginalsStore.Staged staged = originals.stage(new ByteArrayInputStream(content));
        Document doc = documents.insert(collection, name, null, staged.size(), staged.sha256(), DocumentStatus.QUEUED,
                null, null, Api.ADMIN);
        originals.keep(staged, doc.id());
        forgetLocalCopies();
        server.stopServer();
        jobs.release(doc.id());
        worker.wakeUp();
        return doc.id();
    }

    private static JsonPath document(long id) {
        return asAdmin().get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_job_whose_original_cannot_be_fetched_is_retried_and_succeeds_when_the_store_is_back() throws Exception {
        long collection = Api.createCollection("S3 retry");
        long id;
        try {
            id = queuedWhileTheStoreIsDown(collection, "retry.txt");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonPath doc = document(id);
            while (doc.getString("progress.lastError") == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                doc = document(id);
            }
            assertEquals("QUEUED", doc.getString("status"), doc.prettify());
            assertTrue(doc.getString("progress.lastError").contains("could not be reached"), doc.prettify());
        } finally {
            server.startServer();
        }
        Map<String, Object> done = Api.awaitFinal(id);
        assertEquals("READY", done.get("status"), done.toString());
    }

    @Test
    void a_job_ends_failed_with_the_reason_only_after_its_attempts_run_out() throws Exception {
        long collection = Api.createCollection("S3 gives up");
        try {
            long id = queuedWhileTheStoreIsDown(collection, "gives-up.txt");
            Map<String, Object> done = Api.awaitFinal(id);
            assertEquals("FAILED", done.get("status"), done.toString());
            assertEquals("TRANSIENT", done.get("errorCode"), done.toString());
            String error = (String) done.get("error");
            assertNotNull(error);
            assertTrue(error.contains("after 3 attempts") && error.contains("object store"), error);
            assertFalse(error.contains(server.endpoint()) || error.contains(server.bucket()),
                    "the endpoint and bucket stay in the log: " + error);
        } finally {
            server.startServer();
        }
    }
}
