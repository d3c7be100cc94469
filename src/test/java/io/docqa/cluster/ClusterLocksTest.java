package io.docqa.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two instances (two {@link ClusterLocks}, each with its own database connection, on one real PostgreSQL database):
 * a task runs on one of them at a time, and when the instance running it dies (its connection is killed) the other
 * takes it over.
 */
class ClusterLocksTest {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void database() {
        Map<String, String> config = DATABASE.start();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(config.get("quarkus.datasource.jdbc.url"));
        dataSource.setUser(config.get("quarkus.datasource.username"));
        dataSource.setPassword(config.get("quarkus.datasource.password"));
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.stop();
    }

    @Test
    void a_task_runs_on_one_instance_and_the_other_takes_over_when_the_holder_dies() throws Exception {
        ClusterLocks a = new ClusterLocks(dataSource);
        ClusterLocks b = new ClusterLocks(dataSource);
        try {
            int runsOnA = 0;
            int runsOnB = 0;
            for (int round = 0; round < 5; round++) { // both instances' schedules fire every round
                if (a.lead("audit-retention")) {
                    runsOnA++;
                }
                if (b.lead("audit-retention")) {
                    runsOnB++;
                }
            }
            assertEquals(5, runsOnA, "the first instance to ask runs the task every time");
            assertEquals(0, runsOnB, "the other stands by");
            assertTrue(b.lead("watched-folder"), "another task may run on the other instance");
            assertFalse(a.lead("watched-folder"));

            terminate(a.backendPid()); // as if instance A were killed or cut off from the database
            awaitTrue(() -> b.lead("audit-retention"), "B takes over the task once A's connection is gone");
            assertFalse(a.lead("audit-retention"), "A, reconnected, finds the task taken and does not run it too");
            assertTrue(b.lead("watched-folder"), "B still runs what it ran");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void an_instance_that_stops_hands_its_tasks_over_at_once() {
        ClusterLocks a = new ClusterLocks(dataSource);
        ClusterLocks b = new ClusterLocks(dataSource);
        try {
            assertTrue(a.lead("embedding-cache-bound"));
            assertFalse(b.lead("embedding-cache-bound"));
            a.release("embedding-cache-bound");
            assertTrue(b.lead("embedding-cache-bound"), "released: the next instance to ask runs it");
            b.close(); // shutdown
            assertTrue(a.lead("embedding-cache-bound"));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void each_instance_sees_the_other_live_instances_and_the_session_key_becomes_required() throws Exception {
        ClusterLocks a = new ClusterLocks(dataSource);
        ClusterLocks b = new ClusterLocks(dataSource);
        try {
            a.announce();
            assertEquals(0, a.otherInstances(), "alone");
            b.announce();
            assertEquals(1, a.otherInstances());
            assertEquals(1, b.otherInstances());
            assertTrue(SessionKeyCheck.problem(ClusterConfig.Role.ALL, "filesystem", b.otherInstances(),
                    java.util.Optional.empty()).orElseThrow().contains("1 other DocQA instance(s)"));

            terminate(b.backendPid()); // B dies
            awaitTrue(() -> a.otherInstances() == 0, "a dead instance is no longer counted");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void with_a_direct_url_the_locks_live_on_a_direct_session_not_on_the_pooled_datasource() throws Exception {
        PGSimpleDataSource unreachablePool = new PGSimpleDataSource(); // stands for PgBouncer: never used here
        unreachablePool.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        String direct = dataSource.getUrl() + (dataSource.getUrl().contains("?") ? "&" : "?")
                + "ApplicationName=docqa-locks-direct";
        ClusterLocks a = new ClusterLocks(new SessionConnections(unreachablePool, java.util.Optional.of(direct),
                dataSource.getUser(), dataSource.getPassword()));
        ClusterLocks b = new ClusterLocks(dataSource);
        try {
            assertTrue(a.lead("direct-task"), "locks work although the pooled datasource cannot connect");
            assertFalse(b.lead("direct-task"), "and exclude an instance on the pooled datasource");
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT application_name FROM pg_stat_activity WHERE pid = "
                            + a.backendPid())) {
                assertTrue(rs.next());
                assertEquals("docqa-locks-direct", rs.getString(1));
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static void terminate(int pid) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(50);
        }
    }
}
