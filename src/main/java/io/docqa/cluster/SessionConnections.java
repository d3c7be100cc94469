package io.docqa.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections that keep session state for as long as they live: the index follower's {@code LISTEN} and the session
 * advisory locks of {@link ClusterLocks}. Through a transaction-pooling PgBouncer neither works (the session changes
 * under them), so {@code docqa.cluster.direct-jdbc-url} (env {@code DOCQA_DIRECT_DATABASE_URL}) may name a direct
 * connection to the primary, with the main datasource's user and password unless its own are set. Without it these
 * connections come from the main datasource, as on a single machine.
 */
@ApplicationScoped
public class SessionConnections {

    private final DataSource pooled;
    private final Optional<String> url;
    private final String user;
    private final String password;

    @Inject
    public SessionConnections(DataSource pooled, ClusterConfig config,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> mainUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> mainPassword) {
        this(pooled, config.directJdbcUrl(), config.directUsername().or(() -> mainUser).orElse(null),
                config.directPassword().or(() -> mainPassword).orElse(null));
    }

    /** Direct connections to {@code url} when present, else connections of {@code pooled}. */
    public SessionConnections(DataSource pooled, Optional<String> url, String user, String password) {
        this.pooled = pooled;
        this.url = url.map(String::strip).filter(s -> !s.isEmpty());
        this.user = user;
        this.password = password;
    }

    /** Session connections from the main datasource (single machine, or a pooler in session mode). */
    public static SessionConnections pooled(DataSource dataSource) {
        return new SessionConnections(dataSource, Optional.empty(), null, null);
    }

    /** Whether these connections bypass the main datasource. */
    public boolean direct() {
        return url.isPresent();
    }

    /** A new connection in auto-commit mode; the caller keeps it for the session's life and closes it. */
    public Connection open() throws SQLException {
        Connection c = url.isPresent() ? DriverManager.getConnection(url.get(), user, password) : pooled.getConnection();
        try {
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
