package io.docqa.evaluate;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.docqa.cluster.Instance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation runs are held under a lease by the instance running them: a run whose instance stopped ends FAILED with
 * a clear reason, a run of a live instance is left alone (also by a start), and only the holder writes the result.
 */
@QuarkusTest
class EvalRunLeaseTest {

    @Inject
    EvaluationService service;

    @Inject
    EvalRunRepository runs;

    @Inject
    Instance instance;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_run_whose_instance_stopped_fails_with_a_clear_reason_and_a_live_instances_run_is_left_alone()
            throws Exception {
        long orphan = insertRun("dead-instance", Duration.ofSeconds(-1));
        long live = insertRun("live-instance", Duration.ofHours(1));

        assertEquals(0, runs.failOwn(), "what a start does touches no other instance's run");
        service.renewAndReap();

        JsonPath failed = run(orphan);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals(EvalRunRepository.OWNER_STOPPED, failed.getString("error"));
        assertEquals("RUNNING", run(live).getString("status"));
        assertFalse(runs.finish(live, EvalRun.Status.DONE, new ObjectMapper().createObjectNode(), null),
                "only the holder writes the result");
        assertEquals("RUNNING", run(live).getString("status"));
        setLease(live, Duration.ofSeconds(-1)); // the live instance goes away too: its run is reaped like the other
        service.renewAndReap();
        assertEquals("FAILED", run(live).getString("status"));
    }

    @Test
    void the_holder_renews_its_run_and_writes_its_result() throws Exception {
        EvalRun mine = runs.insert("/nowhere", "lease-test", List.of("bm25"), new ObjectMapper().createObjectNode(),
                "admin");
        setLease(mine.id(), Duration.ofSeconds(1)); // about to run out
        service.renewAndReap();
        assertEquals("RUNNING", run(mine.id()).getString("status"), "the heartbeat renewed it before the reaper looked");
        assertTrue(leaseLeft(mine.id()).compareTo(Duration.ofSeconds(5)) > 0);
        assertTrue(runs.finish(mine.id(), EvalRun.Status.DONE, new ObjectMapper().createObjectNode(), null));
        assertEquals("DONE", run(mine.id()).getString("status"));
        assertEquals(instance.id(), owner(mine.id()));
    }

    private static JsonPath run(long id) {
        return asAdmin().get("/api/eval/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private long insertRun(String owner, Duration leaseLeft) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO eval_runs(dataset, dataset_name, retrievers, config, status, progress, owner, lease_until) "
                        + "VALUES ('/nowhere', 'lease-test', 'bm25', '{}'::jsonb, 'RUNNING', 'querying bm25: 3', ?, "
                        + "now() + make_interval(secs => ?)) RETURNING id")) {
            ps.setString(1, owner);
            ps.setDouble(2, leaseLeft.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void setLease(long id, Duration leaseLeft) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE eval_runs SET lease_until = now() + make_interval(secs => ?) WHERE id = ?")) {
            ps.setDouble(1, leaseLeft.toSeconds());
            ps.setLong(2, id);
            ps.executeUpdate();
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
