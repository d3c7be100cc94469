package io.docqa.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Creates a fresh database (with pgvector) on the local PostgreSQL for one application start, and a fresh data
 * directory for the Lucene index; drops both when the application stops.
 * Server: {@code DOCQA_TEST_PG_URL} (default jdbc:postgresql://127.0.0.1:5432/postgres), user
 * {@code DOCQA_TEST_PG_USER} (default postgres, a superuser so that it may create the extension).
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String ADMIN_URL = env("DOCQA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("DOCQA_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("DOCQA_TEST_PG_PASSWORD", "");

    private String database;
    private String url;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        database = "docqa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need a local PostgreSQL at " + ADMIN_URL + " (user " + USER
                    + ") with pgvector; run scripts/setup-pgvector.sh", e);
        }
        url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new IllegalStateException("pgvector is not installed in the local PostgreSQL; run scripts/setup-pgvector.sh", e);
        }
        try {
            dataDir = Files.createTempDirectory("docqa-test-data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD,
                "docqa.corpus.data-dir", dataDir.toString(),
                "docqa.admin.password", Api.ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not delete " + dataDir + ": " + e.getMessage());
            }
        }
    }

    /** A connection of the test's own to the database {@link #start()} made (beside the app's). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** The first column of the first row of a query, as a number. */
    public long scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row of a query, as ids. */
    public Set<Long> ids(String sql) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The database's clock, which stamps the rows the app writes. */
    public Instant now() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
