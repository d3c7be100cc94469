package io.docqa.ingest.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.testing.Api;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The documents view's "Ingesting in this collection" line: every batch of the collection that still has work
 * counts whole (its finished files make the progress and the time left), finished batches and other collections
 * do not. Rows are written in states the workers never claim (PROCESSING, READY, FAILED) and removed afterwards.
 */
@QuarkusTest
class WorkInFlightTest {

    @Inject
    JobRepository jobs;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void counts_every_open_batch_of_the_collection_and_nothing_else() throws SQLException {
        long collection = Api.createCollection("In flight");
        long other = Api.createCollection("In flight elsewhere");
        try {
            insert(collection, "open-cli-1", "READY", 1, "2026-01-01T10:00:00Z");
            insert(collection, "open-cli-1", "FAILED", 1, "2026-01-01T10:00:01Z");
            insert(collection, "open-cli-1", "PROCESSING", 0.5, "2026-01-01T10:00:02Z");
            insert(collection, "open-cli-2", "PROCESSING", 0.25, null); // a second upload request of the same run
            insert(collection, "finished", "READY", 1, "2025-12-31T09:00:00Z");
            insert(other, "elsewhere", "PROCESSING", 0.5, "2025-12-31T08:00:00Z");

            BatchSummary w = jobs.workInFlight(collection).orElseThrow();
            assertNull(w.batchId());
            assertEquals(4, w.total(), "the two open batches, not the finished one nor the other collection's");
            assertEquals(1, w.ready());
            assertEquals(1, w.failed());
            assertEquals(2, w.processing());
            assertEquals(2.75, w.progressSum(), 1e-6, "finished files count whole, files in flight by their progress");
            assertEquals(java.time.Instant.parse("2026-01-01T10:00:00Z"), w.firstStarted(),
                    "the time left is measured from the first start in the open batches");

            Sql.run(dataSource, "UPDATE documents SET status = 'READY', progress = 1 WHERE collection_id = " + collection);
            assertTrue(jobs.workInFlight(collection).isEmpty(), "nothing queued or processing: no line");
        } finally {
            Sql.run(dataSource, "DELETE FROM documents WHERE collection_id IN (" + collection + ", " + other + ")");
        }
    }

    private void insert(long collection, String batch, String status, double progress, String startedAt)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO documents (collection_id, name, size_bytes, sha256, status, progress, batch_id, started_at) "
                        + "VALUES (?, ?, 1, repeat('0', 64), ?, ?, ?, ?::timestamptz)")) {
            ps.setLong(1, collection);
            ps.setString(2, batch + "-" + status + ".txt");
            ps.setString(3, status);
            ps.setDouble(4, progress);
            ps.setString(5, batch);
            ps.setString(6, startedAt);
            ps.executeUpdate();
        }
    }
}
