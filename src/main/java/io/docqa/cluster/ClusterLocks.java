package io.docqa.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Work that must run on one instance at a time (scheduled purges, the watched folder): an instance leads a task
 * while it holds the task's PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) on one connection
 * that it keeps for this purpose ({@link SessionConnections}: a direct one when the main datasource is pooled). The lock lives exactly as long as that connection: when the instance dies, is
 * killed or loses its database connection, PostgreSQL releases the lock and the next instance that asks leads.
 * No lease to renew and no table to clean up.
 * <p>
 * The same connection holds a shared "instance present" lock from start to stop, so that an instance can count the
 * other live instances of the cluster ({@link #otherInstances()}) without a table of its own.
 * <p>
 * Locks use the two-integer form with DocQA's own namespace ({@link #NAMESPACE}), so they never collide with the
 * single-key advisory locks of the change log or any other application sharing the database.
 */
@ApplicationScoped
public class ClusterLocks {

    private static final Logger LOG = Logger.getLogger(ClusterLocks.class);

    /** First key of every DocQA cluster lock. */
    public static final int NAMESPACE = 0x0D0C0A;
    /** Second key of the lock every live instance holds in shared mode. */
    static final int PRESENCE = 0;

    private final SessionConnections connections;
    private final Set<String> held = new HashSet<>();
    private Connection connection; // guarded by this
    private boolean announced; // guarded by this

    @Inject
    public ClusterLocks(SessionConnections connections) {
        this.connections = connections;
    }

    /** Locks on connections of {@code dataSource} (tests, a single machine). */
    public ClusterLocks(DataSource dataSource) {
        this(SessionConnections.pooled(dataSource));
    }

    /**
     * Whether this instance leads {@code task} now: true while it holds the task's lock (taking it when no other
     * live instance holds it), false while another instance leads. Cheap enough to call before every run of the task
     * (one round trip); never blocks, never throws (a lost database means: not leading).
     */
    public synchronized boolean lead(String task) {
        try {
            Connection c = connection();
            if (held.contains(task)) {
                return true;
            }
            try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                st.setInt(1, NAMESPACE);
                st.setInt(2, key(task));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        held.add(task);
                        LOG.infof("This instance now runs \"%s\" for the cluster", task);
                        return true;
                    }
                    return false;
                }
            }
        } catch (SQLException e) {
            lost(e);
            return false;
        }
    }

    /** Gives up leading {@code task} (another instance may take it over at once). */
    public synchronized void release(String task) {
        if (!held.remove(task) || connection == null) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            st.setInt(1, NAMESPACE);
            st.setInt(2, key(task));
            st.execute();
        } catch (SQLException e) {
            lost(e);
        }
    }

    /**
     * Marks this instance as present for as long as it runs (and its database connection lives), so that other
     * instances see it in {@link #otherInstances()}.
     */
    public synchronized void announce() {
        announced = true;
        try {
            connection();
        } catch (SQLException e) {
            lost(e);
        }
    }

    /** Live instances other than this one that announced themselves on this database. */
    public synchronized int otherInstances() {
        try {
            Connection c = connection();
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND classid = ? AND objid = ? AND objsubid = 2 AND granted AND pid <> pg_backend_pid()")) {
                st.setLong(1, NAMESPACE);
                st.setLong(2, PRESENCE);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            lost(e);
            return 0;
        }
    }

    /** The PostgreSQL backend holding this instance's locks (for tests and diagnostics), or -1 without one. */
    public synchronized int backendPid() {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            lost(e);
            return -1;
        }
    }

    /** Releases every lock and the connection (at shutdown: the next instance leads at once). */
    @PreDestroy
    public synchronized void close() {
        announced = false;
        held.clear();
        if (connection != null) {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_advisory_unlock_all()"); // a pooled connection outlives this use
            } catch (SQLException e) {
                // gone already: its locks went with it
            }
            closeQuietly();
        }
    }

    /** The live lock connection, a new one (announcing again) when the old one died: its locks died with it. */
    private Connection connection() throws SQLException {
        if (connection != null && !connection.isValid(5)) {
            lost(null);
        }
        if (connection == null) {
            Connection c = connections.open();
            try {
                if (announced) {
                    try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_lock_shared(?, ?)")) {
                        st.setInt(1, NAMESPACE);
                        st.setInt(2, PRESENCE);
                        st.execute();
                    }
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void lost(SQLException cause) {
        if (!held.isEmpty()) {
            LOG.warnf("Lost the database connection of the cluster locks (%s): no longer running %s here; another"
                    + " instance takes over", cause == null ? "connection closed" : cause.getMessage(), held);
        }
        held.clear();
        if (connection != null) {
            try {
                connection.abort(Runnable::run); // a broken connection must not go back to the pool
            } catch (SQLException | RuntimeException e) {
                // closed below
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken
            }
            connection = null;
        }
    }

    /**
     * Second key of a task's lock (also for transaction-scoped locks: {@code pg_try_advisory_xact_lock(NAMESPACE,
     * key(task))}); tasks are few and fixed, so a hash collision would be seen in review.
     */
    public static int key(String task) {
        int k = task.hashCode();
        return k == PRESENCE ? 1 : k;
    }
}
