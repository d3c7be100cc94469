package io.docqa.ingest.index;

import io.agroal.api.AgroalDataSource;
import io.docqa.cluster.ClusterLocks;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.Generation;
import io.docqa.ingest.config.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Builds a collection's HNSW graph once after a bulk load instead of inserting every new vector into it. Inserting
 * into pgvector's graph costs about four times what building it in one pass does (measured: 12,000 vectors of 384
 * dimensions, 30.2 s of inserts against a 6.6 s build), and during a bulk load it is most of what PostgreSQL does per
 * chunk. The collection's state ({@code collections.vector_index}, migration V30):
 * <ul>
 * <li>READY: the graph exists; ingestion inserts into it.</li>
 * <li>DEFERRED: a load of at least {@code docqa.ingest.bulk-vector-index.min-documents} documents, no fewer than the
 * collection holds already, is queued; the graph is dropped and vectors are only stored. Searches of the collection
 * compare every vector exactly (the results are exact; on a very large collection slower).</li>
 * <li>BUILDING: the load's last document is done; one instance builds the graph
 * ({@code CREATE INDEX CONCURRENTLY}, which lets ingestion and searches go on) and sets READY.</li>
 * </ul>
 * Every change of state and every build runs under the collection's session-level advisory lock, so two instances
 * never drop and build the same graph at once. An instance that dies while building releases that lock with its
 * connection; the periodic {@link #reconcile()} of any instance then finds a BUILDING collection nobody builds (or a
 * READY one whose graph is missing or invalid) and builds it again.
 */
@ApplicationScoped
public class BulkVectorIndex {

    private static final Logger LOG = Logger.getLogger(BulkVectorIndex.class);
    /** How long a collection found not to need deferring is not asked again (one query per document otherwise). */
    private static final long RECHECK_NANOS = 5_000_000_000L;
    private static final String PENDING = "status IN ('QUEUED', 'PROCESSING')";

    private static final java.util.regex.Pattern MEMORY = java.util.regex.Pattern.compile("\\d{1,9}\\s*(kB|MB|GB)?");

    private final AgroalDataSource dataSource;
    private final Embedder embedder;
    private final IngestConfig.BulkVectorIndex config;
    private final String maintenanceWorkMem;
    private final Map<Long, Long> checkedAt = new ConcurrentHashMap<>();

    public BulkVectorIndex(AgroalDataSource dataSource, Embedder embedder, IngestConfig config) {
        this.dataSource = dataSource;
        this.embedder = embedder;
        this.config = config.bulkVectorIndex();
        String memory = this.config.maintenanceWorkMem().strip();
        if (!MEMORY.matcher(memory).matches()) {
            throw new IllegalArgumentException("docqa.ingest.bulk-vector-index.maintenance-work-mem must be a number "
                    + "with kB, MB or GB, such as 256MB; it is '" + memory + "'");
        }
        this.maintenanceWorkMem = memory;
    }

    /**
     * Called before a document of the collection is ingested: defers the collection's graph when a bulk load is
     * queued for it. Never throws (the graph is then simply kept).
     */
    public void beforeIngest(long collectionId) {
        int min = config.minDocuments();
        if (min <= 0) {
            return;
        }
        long now = System.nanoTime();
        Long last = checkedAt.get(collectionId);
        if (last != null && now - last < RECHECK_NANOS) {
            return;
        }
        checkedAt.put(collectionId, now);
        try (Connection c = dataSource.getConnection()) {
            if (!bulkLoadQueued(c, collectionId, min)) {
                return;
            }
            Generation g = embedder.activeGeneration();
            withCollectionLock(c, collectionId, () -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE collections SET vector_index = 'DEFERRED' "
                        + "WHERE id = ? AND vector_index = 'READY'")) {
                    ps.setLong(1, collectionId);
                    if (ps.executeUpdate() == 0) {
                        return;
                    }
                }
                dropIndex(c, g, collectionId);
                LOG.infof("Collection %d: a bulk load is queued; its vector index is built once the load is done",
                        collectionId);
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not defer the vector index of collection %d: %s", collectionId, e.getMessage());
        }
    }

    /**
     * Called after a document of the collection was ingested (or failed): builds the graph when the collection's
     * load is done. Runs on the caller's thread for the length of the build.
     */
    public void afterIngest(long collectionId) {
        try (Connection c = dataSource.getConnection()) {
            if (state(c, collectionId).equals("DEFERRED") && !pending(c, collectionId)) {
                build(c, collectionId);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not build the vector index of collection %d: %s", collectionId, e.getMessage());
        }
    }

    /**
     * Builds what is due and nobody builds: a DEFERRED collection whose load is done (its documents deleted or
     * cancelled meanwhile), a BUILDING one whose builder died, a READY one whose graph is missing or invalid.
     */
    @Scheduled(every = "${docqa.ingest.bulk-vector-index.reconcile-every:60s}", delay = 20,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reconcile() {
        try (Connection c = dataSource.getConnection()) {
            Generation g = embedder.activeGeneration();
            List<Long> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id FROM collections c WHERE c.vector_index = "
                    + "'BUILDING' OR (c.vector_index = 'DEFERRED' AND NOT EXISTS (SELECT 1 FROM documents d WHERE "
                    + "d.collection_id = c.id AND d." + PENDING + ")) OR (c.vector_index = 'READY' AND NOT EXISTS ("
                    + "SELECT 1 FROM pg_class r JOIN pg_index i ON i.indexrelid = r.oid WHERE r.relname = "
                    + "chunk_vectors_index_name(?, c.id) AND i.indisvalid)) ORDER BY c.id")) {
                ps.setInt(1, g.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getLong(1));
                    }
                }
            }
            for (long id : due) {
                build(c, id);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not check the collections' vector indexes: %s", e.getMessage());
        }
    }

    /** The collection's state: READY, DEFERRED or BUILDING (READY for a collection that no longer exists). */
    public String state(long collectionId) {
        try (Connection c = dataSource.getConnection()) {
            return state(c, collectionId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the vector index state of collection " + collectionId, e);
        }
    }

    /** Builds the collection's graph unless another instance does (its lock is taken), then marks it READY. */
    private void build(Connection c, long collectionId) throws SQLException {
        Generation g = embedder.activeGeneration();
        withCollectionLock(c, collectionId, () -> {
            String state = state(c, collectionId);
            if (state.equals("DEFERRED") && pending(c, collectionId)) {
                return; // a new load was queued meanwhile: its last document builds
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE collections SET vector_index = 'BUILDING' WHERE id = ?")) {
                ps.setLong(1, collectionId);
                if (ps.executeUpdate() == 0) {
                    return; // deleted
                }
            }
            long t0 = System.nanoTime();
            if (!validIndex(c, g, collectionId)) {
                dropIndex(c, g, collectionId); // an invalid one left by an interrupted build
                try (Statement st = c.createStatement()) {
                    st.execute("SET maintenance_work_mem = '" + maintenanceWorkMem + "'");
                    try {
                        st.execute(indexSql(c, g, collectionId));
                    } finally { // the connection goes back to the pool with the server's setting
                        st.execute("RESET maintenance_work_mem");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE collections SET vector_index = 'READY' WHERE id = ?")) {
                ps.setLong(1, collectionId);
                ps.executeUpdate();
            }
            LOG.infof("Collection %d: vector index built in %d ms", collectionId, (System.nanoTime() - t0) / 1_000_000);
        });
    }

    private interface LockedWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} holding the collection's lock on {@code c} (autocommit); skips it when another holds it. */
    private static void withCollectionLock(Connection c, long collectionId, LockedWork work) throws SQLException {
        c.setAutoCommit(true); // CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction
        int key = ClusterLocks.key("vector-index-" + collectionId);
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, ClusterLocks.NAMESPACE);
            lock.setInt(2, key);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
        }
        try {
            work.run();
        } finally {
            try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, ClusterLocks.NAMESPACE);
                unlock.setInt(2, key);
                unlock.execute();
            }
        }
    }

    /**
     * Whether the queued documents of the READY collection make a bulk load: at least {@code min}, and at least as
     * many as it holds (its documents are counted only up to that number).
     */
    private static boolean bulkLoadQueued(Connection c, long collectionId, int min) throws SQLException {
        long pending;
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM documents d WHERE d.collection_id "
                + "= c.id AND d." + PENDING + ") FROM collections c WHERE c.id = ? AND c.vector_index = 'READY'")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || (pending = rs.getLong(1)) < min) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM documents WHERE "
                + "collection_id = ? AND status = 'READY' LIMIT ?) r")) {
            ps.setLong(1, collectionId);
            ps.setLong(2, pending + 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) <= pending;
            }
        }
    }

    private static String state(Connection c, long collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT vector_index FROM collections WHERE id = ?")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "READY";
            }
        }
    }

    private static boolean pending(Connection c, long collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM documents WHERE collection_id = ? AND "
                + PENDING + ")")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean validIndex(Connection c, Generation g, long collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT i.indisvalid FROM pg_class r JOIN pg_index i ON "
                + "i.indexrelid = r.oid WHERE r.relname = chunk_vectors_index_name(?, ?)")) {
            ps.setInt(1, g.id());
            ps.setLong(2, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void dropIndex(Connection c, Generation g, long collectionId) throws SQLException {
        String name;
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk_vectors_index_name(?, ?)")) {
            ps.setInt(1, g.id());
            ps.setLong(2, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                name = rs.getString(1);
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX CONCURRENTLY IF EXISTS \"" + name.replace("\"", "\"\"") + "\"");
        }
    }

    private static String indexSql(Connection c, Generation g, long collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk_vectors_index_sql(?, ?, true)")) {
            ps.setInt(1, g.id());
            ps.setLong(2, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
