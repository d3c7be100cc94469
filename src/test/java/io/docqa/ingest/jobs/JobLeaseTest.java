package io.docqa.ingest.jobs;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.docqa.cluster.Instance;
import io.docqa.ingest.IngestPipeline;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Job leases on the real stack: the work of a stopped instance is taken over, the work of a live one is left alone,
 * and an instance that lost a job writes nothing more for it. The rows stand for other instances by their owner
 * column, exactly as a second process would leave them.
 */
@QuarkusTest
class JobLeaseTest {

    @Inject
    JobRepository jobs;

    @Inject
    JobLeases leases;

    @Inject
    IngestPipeline pipeline;

    @Inject
    Instance instance;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobsConfig config;

    @Test
    void a_document_whose_instance_died_is_queued_again_by_the_reaper_and_finished_here_without_duplicate_chunks()
            throws Exception {
        long id = readyDocument("Lease takeover");
        List<Long> before = chunkIds(id);
        // another instance claimed it (attempt 1), stored nothing yet, and died: its lease ran out a second ago
        pretendHeld(id, "dead-instance", 1, Duration.ofSeconds(-1));

        leases.reap();

        JsonPath doc = awaitReady(id);
        assertEquals(2, doc.getInt("progress.attempts"), "the lost attempt counts");
        assertEquals(instance.id(), doc.getString("progress.owner"), "this instance finished it");
        assertEquals("Taken over: the instance processing it (dead-instance) stopped", doc.getString("progress.lastError"));
        List<Long> after = chunkIds(id);
        assertEquals(before.size(), after.size(), "the same number of chunks as the clean run, none twice");
        assertEquals(before.size(), doc.getInt("chunks"));
    }

    @Test
    void a_job_held_by_a_live_instance_is_left_alone_by_a_start_and_by_the_reaper() throws Exception {
        long id = readyDocument("Lease live");
        List<Long> chunks = chunkIds(id);
        pretendHeld(id, "live-instance", 1, Duration.ofHours(1));

        assertEquals(0, jobs.recoverOwn(config.maxAttempts()).total(), "what a start does touches no other instance");
        leases.reap();

        JsonPath doc = asAdmin().get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("PROCESSING", doc.getString("status"));
        assertEquals("live-instance", doc.getString("progress.owner"));
        assertEquals(1, doc.getInt("progress.attempts"));
        assertEquals(chunks, chunkIds(id));
        asAdmin().delete("/api/documents/" + id).then().statusCode(204);
    }

    @Test
    void a_restart_under_the_same_instance_id_resumes_its_own_jobs_at_once() throws Exception {
        long id = readyDocument("Lease own");
        int chunks = chunkIds(id).size();
        // left by this instance id before a kill; the lease would still run for an hour
        pretendHeld(id, instance.id(), 1, Duration.ofHours(1));

        assertEquals(1, jobs.recoverOwn(config.maxAttempts()).requeued());

        JsonPath doc = awaitReady(id);
        assertEquals(2, doc.getInt("progress.attempts"));
        assertEquals(chunks, chunkIds(id).size());
    }

    @Test
    void an_instance_that_lost_its_lease_cannot_write_ready_or_failed_and_drops_its_work() throws Exception {
        long id = readyDocument("Lease lost");
        List<Long> chunks = chunkIds(id);
        // this instance worked on attempt 1; its lease ran out and another instance took the job (attempt 2)
        pretendHeld(id, "new-holder", 2, Duration.ofHours(1));
        JobRepository.Claim stale = new JobRepository.Claim(id, 1);

        pipeline.process(id, 1); // the whole pipeline under the stale claim

        assertFalse(jobs.fail(stale, "late failure", "INTERNAL"), "no FAILED from a former holder");
        assertFalse(jobs.retryLater(stale, "late retry", Duration.ZERO), "no re-queue from a former holder");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThrows(LeaseLostException.class, () -> jobs.lockAndCheckCancel(c, stale),
                    "the transaction that commits chunks and READY refuses a former holder");
            c.rollback();
        }
        // the same instance re-claimed it meanwhile (attempt 2): its own older attempt is still refused
        pretendHeld(id, instance.id(), 2, Duration.ofHours(1));
        pipeline.process(id, 1);
        assertFalse(jobs.fail(stale, "late failure", "INTERNAL"));

        JsonPath doc = asAdmin().get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("PROCESSING", doc.getString("status"), "the holder's job is untouched");
        assertEquals(null, doc.getString("error"));
        assertEquals(chunks, chunkIds(id), "no chunks of the dropped work were committed");
        asAdmin().delete("/api/documents/" + id).then().statusCode(204);
    }

    private long readyDocument(String collectionName) {
        long collection = Api.createCollection(collectionName);
        long id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        return id;
    }

    private static JsonPath awaitReady(long id) {
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        return asAdmin().get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The row as an instance {@code owner} leaves it while processing attempt {@code attempt}. */
    private void pretendHeld(long id, String owner, int attempt, Duration leaseLeft) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE documents SET status = 'PROCESSING', progress_stage = 'EMBEDDING', progress = 0.5, owner = ?, "
                        + "attempts = ?, lease_until = now() + make_interval(secs => ?) WHERE id = ?")) {
            ps.setString(1, owner);
            ps.setInt(2, attempt);
            ps.setDouble(3, leaseLeft.toSeconds());
            ps.setLong(4, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private List<Long> chunkIds(long documentId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM chunks WHERE document_id = ? ORDER BY id")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
