package io.docqa.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.CellAnswer;
import io.docqa.review.cell.CellStatus;
import io.docqa.review.cell.ReviewColumn;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Cells are durable jobs under leases, like ingestion jobs: cells held by an instance that stopped (its lease ran
 * out) are taken over by the reaper and computed by this instance's workers; a worker whose claim is no longer the
 * cell's (taken over, cancelled) writes nothing.
 */
@QuarkusTest
class ReviewCellLeaseTest {

    @Inject
    DataSource dataSource;
    @Inject
    CellQueue queue;
    @Inject
    ReviewWorker worker;

    private long review() {
        long collection = Api.createCollection("reviews: leases " + System.nanoTime());
        long document = Api.asAdmin().multiPart("file", "lease.txt", ("Term. This agreement runs for three years."
                + " Governing law. The laws of Ireland govern this agreement.").getBytes(StandardCharsets.UTF_8),
                "text/plain").post("/api/collections/" + collection + "/documents").then().statusCode(202).extract()
                .jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(document).get("status"));
        return Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Leases", "collectionId", collection,
                "columns", List.of(Map.of("name", "Term", "question", "What is the term?", "type", "duration"),
                        Map.of("name", "Law", "question", "Which law governs?", "type", "text"))))
                .post("/api/reviews").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JsonPath awaitDone(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath review = Api.asAdmin().get("/api/reviews/" + id).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(review.getString("progress.state"))) {
                return review;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("review " + id + " did not finish");
    }

    @Test
    void cells_held_by_a_stopped_instance_are_taken_over_when_their_lease_runs_out_and_then_computed() throws Exception {
        long id = review();
        awaitDone(id);
        // another instance claimed both cells and died: RUNNING under its name, lease run out
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE review_cells SET state = 'RUNNING', owner = 'crashed-instance', attempts = 1,"
                        + " lease_until = now() - interval '1 second', status = NULL, value = NULL WHERE review_id = ?")) {
            ps.setLong(1, id);
            assertEquals(2, ps.executeUpdate());
        }
        worker.reap(); // the reaper of every instance runs every few seconds; this sweep need not wait for it
        JsonPath done = awaitDone(id);
        assertEquals(2, done.getInt("progress.done"));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, attempts, owner FROM review_cells WHERE review_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertEquals("DONE", rs.getString(1));
                    assertEquals(2, rs.getInt(2), "the taken-over attempt counts");
                    assertEquals(null, rs.getString(3), "a finished cell has no holder");
                }
                assertEquals(2, n);
            }
        }
    }

    @Test
    void a_worker_whose_claim_was_taken_over_writes_nothing_and_the_current_holder_writes_its_answer()
            throws Exception {
        long id = review();
        awaitDone(id);
        long document;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE review_cells SET state = 'RUNNING', owner = ?, attempts = 3, lease_until = now() + interval"
                        + " '1 minute' WHERE review_id = ? AND column_key = 'term' RETURNING document_id")) {
            ps.setString(1, queue.owner());
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                document = rs.getLong(1);
            }
        }
        ReviewColumn term = new ReviewColumn("term", "Term", "What is the term?", AnswerType.DURATION, null);
        CellAnswer late = new CellAnswer("99 years", "1188", CellStatus.SUPPORTED, 1, List.of(), null);
        assertFalse(queue.complete(new CellQueue.Claim(id, document, term, 2), late),
                "an earlier attempt (taken over since) is fenced off");
        CellAnswer current = new CellAnswer("3 years", "36", CellStatus.SUPPORTED, 1, List.of(), null);
        assertTrue(queue.complete(new CellQueue.Claim(id, document, term, 3), current));
        assertEquals("3 years", Api.asAdmin().get("/api/reviews/" + id + "/cells/" + document + "/term").then()
                .statusCode(200).extract().path("value"));
    }
}
