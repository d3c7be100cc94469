package io.docqa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A database on the local PostgreSQL that a benchmark keeps between runs (so that {@code --reuse} can skip set-up).
 * The server is the one on port 5432 unless {@code -Ddocqa.bench.pg-port=N} names another local cluster, for
 * example one whose memory is sized for the corpus ({@code shared_buffers}) without changing the shared one.
 */
record BenchDatabase(String name) {

    static final String USER = "postgres";
    private static final String PORT = System.getProperty("docqa.bench.pg-port", "5432");
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres";

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    boolean exists() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }

    /** Drops and creates the database (with pgvector) and empties the app's data directory. */
    void recreate(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
