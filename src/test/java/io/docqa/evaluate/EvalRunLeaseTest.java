package io.docqa.evaluate;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.docqa.cluster.Instance;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation runs are queued work held under a lease by the instance running them: a run whose instance stopped goes
 * back to the queue and is run again, completely, by a live instance; after its last attempt it ends FAILED with a
 * clear reason; a run of a live instance is left alone (also by a start), and only the holder of the current attempt
 * writes the result.
 */
@QuarkusTest
class EvalRunLeaseTest {

    private static final String CONFIG = "{\"collection\": \"eval-lease-takeover\", \"limitQueries\": 0}";

    @Inject
    EvaluationService service;

    @Inject
    EvalRunRepository runs;

    @Inject
    Instance instance;

    @Inject
    EvaluateConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_run_whose_instance_stopped_is_run_again_from_the_start_by_a_live_instance_with_complete_results()
            throws Exception {
        Path dataset = GoldenDatasets.fixturesGolden();
        long orphan = insertRun("dead-instance", dataset.toString(), "bm25,vector", CONFIG, 1, Duration.ofSeconds(-1));

        service.reap(); // (or the reaper's own beat) the run of the stopped instance goes back to the queue

        JsonPath done = awaitEnd(orphan);
        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(2, done.getInt("attempts"), "run once more, by this live instance");
        assertEquals(instance.id(), owner(orphan));
        assertTrue(done.getInt("results.queries") > 0);
        assertEquals(List.of("bm25", "vector"), done.getList("results.retrievers.retriever"),
                "one row of metrics per retriever asked for");
        assertEquals(GoldenDatasets.DOCUMENTS.length, done.getInt("results.ingest.ready"),
                "every document of the dataset was ingested and READY");
    }

    @Test
    void a_run_that_used_its_last_attempt_fails_with_a_clear_reason_and_a_live_instances_run_is_left_alone()
            throws Exception {
        long orphan = insertRun("dead-instance", "/nowhere", "bm25", CONFIG, config.maxAttempts(),
                Duration.ofSeconds(-1));
        long live = insertRun("live-instance", "/nowhere", "bm25", CONFIG, 1, Duration.ofHours(1));

        assertEquals(0, runs.recoverOwn(config.maxAttempts()).total(), "what a start does touches no other instance's run");
        service.reap();

        JsonPath failed = run(orphan);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").startsWith(EvalRunRepository.OWNER_STOPPED), failed.getString("error"));
        assertTrue(failed.getString("error").contains(config.maxAttempts() + " attempts"), failed.getString("error"));
        assertEquals("RUNNING", run(live).getString("status"));
        assertFalse(runs.finish(live, 1, EvalRun.Status.DONE, new ObjectMapper().createObjectNode(), null),
                "only the holder writes the result");
        assertEquals("RUNNING", run(live).getString("status"));
        Sql.run(dataSource, "UPDATE eval_runs SET status = 'FAILED', lease_until = NULL WHERE id = " + live);
    }

    @Test
    void the_holder_renews_its_run_and_only_its_current_attempt_writes_the_result() throws Exception {
        long mine = insertRun(instance.id(), "/nowhere", "bm25", CONFIG, 2, Duration.ofSeconds(1)); // about to run out
        service.renewAndReap();
        assertEquals("RUNNING", run(mine).getString("status"), "the heartbeat renewed it before the reaper looked");
        assertTrue(leaseLeft(mine).compareTo(Duration.ofSeconds(5)) > 0);
        assertFalse(runs.finish(mine, 1, EvalRun.Status.DONE, new ObjectMapper().createObjectNode(), null),
                "an earlier attempt of the same instance writes nothing");
        assertTrue(runs.finish(mine, 2, EvalRun.Status.DONE, new ObjectMapper().createObjectNode(), null));
        assertEquals("DONE", run(mine).getString("status"));
    }

    private static JsonPath run(long id) {
        return asAdmin().get("/api/eval/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitEnd(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath r = run(id);
            if (!List.of("QUEUED", "RUNNING").contains(r.getString("status"))) {
                return r;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Evaluation run " + id + " did not end within 5 minutes");
    }

    /** A run as an instance that claimed it leaves it: RUNNING, its owner, its attempt and lease. */
    private long insertRun(String owner, String dataset, String retrievers, String config, int attempts,
            Duration leaseLeft) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO eval_runs(dataset, dataset_name, retrievers, config, status, progress, created_by, owner, "
                        + "attempts, lease_until) VALUES (?, 'lease-test', ?, ?::jsonb, 'RUNNING', 'querying bm25: 3', "
                        + "'admin', ?, ?, now() + make_interval(secs => ?)) RETURNING id")) {
            ps.setString(1, dataset);
            ps.setString(2, retrievers);
            ps.setString(3, config);
            ps.setString(4, owner);
            ps.setInt(5, attempts);
            ps.setDouble(6, leaseLeft.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Duration leaseLeft(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT extract(epoch FROM lease_until - now()) FROM eval_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Duration.ofMillis((long) (rs.getDouble(1) * 1000));
            }
        }
    }

    private String owner(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner FROM eval_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
