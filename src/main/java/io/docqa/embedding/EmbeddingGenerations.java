package io.docqa.embedding;

import io.docqa.corpus.DataAccessException;
import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;
import io.docqa.embedding.Generation.State;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The embedding generations (table {@code embedding_generations}, migration V23): which model made the vectors that
 * are searched, and which one a re-embedding is filling. Writers of vectors take a shared transaction lock, the
 * switch takes it exclusively, so no chunk is written for a generation that stopped being active meanwhile.
 */
@ApplicationScoped
public class EmbeddingGenerations {

    private static final Logger LOG = Logger.getLogger(EmbeddingGenerations.class);
    /** Advisory lock (two-key form) held shared by vector writers and exclusively by the switch and the start check. */
    private static final String LOCK = "855051, 23"; // 0x0D0C0B: ClusterLocks uses 0x0D0C0A
    private static final long ACTIVE_TTL_NANOS = 2_000_000_000L;
    static final String COLUMNS = "id, provider, model, dimensions, storage, base_url, state, embedded, error, "
            + "requested_by, created_at, activated_at, adopted";

    private final DataSource dataSource;
    private volatile Generation cachedActive;
    private volatile long cachedAt;

    public EmbeddingGenerations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The searched generation, re-read at most every 2 s (another instance may have switched). */
    public Generation active() {
        Generation g = cachedActive;
        if (g == null || System.nanoTime() - cachedAt > ACTIVE_TTL_NANOS) {
            g = activeFresh();
        }
        return g;
    }

    /** The searched generation, read now. */
    public Generation activeFresh() {
        Generation g = inConnection("Could not read the embedding generation", c -> find(c, State.ACTIVE))
                .orElseThrow(() -> new DataAccessException("No active embedding generation: the application has not "
                        + "finished starting", null));
        cachedActive = g;
        cachedAt = System.nanoTime();
        return g;
    }

    public Optional<Generation> building() {
        return inConnection("Could not read the embedding generations", c -> find(c, State.BUILDING));
    }

    public Optional<Generation> find(int id) {
        return inConnection("Could not read the embedding generation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM embedding_generations WHERE id = ?")) {
                ps.setInt(1, id);
                return one(ps);
            }
        });
    }

    /** Vectors stored in each generation that still has rows, by generation id. */
    public long vectorCount(int generationId) {
        return inConnection("Could not count vectors", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM chunk_vectors WHERE generation_id = ?")) {
                ps.setInt(1, generationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Chunks in the corpus. */
    public long chunkCount() {
        return inConnection("Could not count chunks", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM chunks")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Inside a transaction that writes vectors of {@code generationId}: waits while a switch is under way and refuses
     * (retryably) when the generation is no longer the active one, so the document is embedded again with the model
     * that is searched now.
     */
    public void lockForWriting(Connection c, int generationId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock_shared(" + LOCK + ")");
        }
        Optional<Generation> active = find(c, State.ACTIVE);
        if (active.isEmpty() || active.get().id() != generationId) {
            cachedActive = null;
            throw new DataAccessException("The embedding model was switched while this document was embedded; it is "
                    + "embedded again with the new model", null);
        }
    }

    /** The outcome of the start check: the searched generation, and the configured model with its dimensions. */
    public record Prepared(Generation active, EmbeddingIdentity configured) {
    }

    /**
     * Checks the configured model against the stored vectors at start and returns the active generation: creates the
     * first generation on an empty corpus, adopts the vectors of an earlier version, resumes or starts a
     * re-embedding, or refuses with a message naming the settings.
     *
     * @param dimensions the configured dimensions, or null to take them from a generation of the same model or from
     *        {@code probe} (which asks the model)
     */
    public Prepared prepare(Provider provider, String model, Integer dimensions, Storage storage, String baseUrl,
            boolean reembed, IntSupplier probe) {
        return inTransaction("Could not check the embedding model against the stored vectors",
                c -> prepare(c, provider, model, dimensions, storage, baseUrl, reembed, probe));
    }

    private Prepared prepare(Connection c, Provider provider, String model, Integer dimensions, Storage storage,
            String baseUrl, boolean reembed, IntSupplier probe) throws SQLException {
        exclusiveLock(c);
        Optional<Generation> active = find(c, State.ACTIVE);
        Optional<Generation> building = find(c, State.BUILDING);
        int dims = dimensions != null ? dimensions
                : provider == Provider.ONNX ? EmbeddingModels.DIMENSION
                : active.filter(g -> same(g, provider, model)).map(g -> g.identity().dimensions())
                        .or(() -> building.filter(g -> same(g, provider, model)).map(g -> g.identity().dimensions()))
                        .orElseGet(probe::getAsInt);
        EmbeddingIdentity wanted = new EmbeddingIdentity(provider, model, dims, storage);
        if (active.isEmpty()) {
            Generation g = insert(c, wanted, baseUrl, State.ACTIVE, null);
            createIndex(c, g, false);
            LOG.infof("Embedding with %s (generation %d)", wanted, g.id());
            return new Prepared(g, wanted);
        }
        Generation current = active.get();
        if (adopted(c, current.id()) && provider == Provider.ONNX && dims == EmbeddingModels.DIMENSION
                && storage == Storage.VECTOR) {
            update(c, "UPDATE embedding_generations SET model = ?, adopted = false WHERE id = ?", model, current.id());
            LOG.infof("The stored vectors of an earlier version are taken as %s", wanted);
            return new Prepared(find(c, State.ACTIVE).orElseThrow(), wanted);
        }
        if (current.identity().equals(wanted)) {
            if (baseUrl != null && !baseUrl.equals(current.baseUrl())) {
                update(c, "UPDATE embedding_generations SET base_url = ? WHERE id = ?", baseUrl, current.id());
            }
            building.ifPresent(b -> LOG.warnf("A re-embedding into %s is under way (generation %d)", b.identity(), b.id()));
            return new Prepared(find(c, State.ACTIVE).orElseThrow(), wanted);
        }
        if (building.isPresent() && building.get().identity().equals(wanted)) {
            LOG.infof("Resuming the re-embedding into %s (generation %d, %d chunks done); searches use %s until it "
                    + "completes", wanted, building.get().id(), building.get().embedded(), current.identity());
            return new Prepared(current, wanted);
        }
        if (!hasChunks(c)) {
            building.ifPresent(b -> retire(c, b.id()));
            retire(c, current.id());
            Generation g = insert(c, wanted, baseUrl, State.ACTIVE, null);
            createIndex(c, g, false);
            LOG.infof("The corpus is empty: embedding with %s from now on (generation %d)", wanted, g.id());
            return new Prepared(g, wanted);
        }
        if (reembed) {
            building.ifPresent(b -> retire(c, b.id()));
            Generation g = insert(c, wanted, baseUrl, State.BUILDING, "docqa.embedding.reembed");
            LOG.infof("Re-embedding every chunk into %s (generation %d); searches use %s until it completes",
                    wanted, g.id(), current.identity());
            return new Prepared(current, wanted);
        }
        throw new IllegalStateException("The stored vectors were made with " + current.identity()
                + ", but DocQA is configured for " + wanted + " (DOCQA_EMBEDDING_PROVIDER, DOCQA_EMBEDDING_MODEL, "
                + "DOCQA_EMBEDDING_DIMENSIONS, docqa.embedding.storage). Start with the previous settings, or set "
                + "DOCQA_EMBEDDING_REEMBED=true to re-embed every chunk with the new model (searches keep using "
                + "the stored vectors until it completes).");
    }

    /** Starts a re-embedding into {@code target}; refused while one is under way. */
    public Generation startBuilding(EmbeddingIdentity target, String baseUrl, String requestedBy) {
        return inTransaction("Could not start the re-embedding", c -> {
            exclusiveLock(c);
            Optional<Generation> building = find(c, State.BUILDING);
            if (building.isPresent()) {
                throw new IllegalStateException("A re-embedding into " + building.get().identity() + " is under way "
                        + "(generation " + building.get().id() + ")");
            }
            return insert(c, target, baseUrl, State.BUILDING, requestedBy);
        });
    }

    private static boolean same(Generation g, Provider provider, String model) {
        return g.identity().provider() == provider && g.identity().model().equals(model);
    }

    private static boolean hasChunks(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM chunks)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean adopted(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT adopted FROM embedding_generations WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    static void exclusiveLock(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
        }
    }

    /**
     * The generation's HNSW index of every collection (new collections get theirs from a trigger of migration V26);
     * {@code concurrently} needs a connection outside a transaction.
     */
    static void createIndex(Connection c, Generation g, boolean concurrently) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chunk_vectors_index_sql(?, id, ?) FROM collections ORDER BY id")) {
            ps.setInt(1, g.id());
            ps.setBoolean(2, concurrently);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Names of the generation's indexes, only the invalid ones (left by an interrupted build) when asked. */
    static List<String> indexes(Connection c, Generation g, boolean invalidOnly) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.relname FROM pg_index i JOIN pg_class r ON "
                + "r.oid = i.indexrelid WHERE r.relname LIKE ? AND (NOT ? OR NOT i.indisvalid) ORDER BY r.relname")) {
            ps.setString(1, g.indexNamePattern());
            ps.setBoolean(2, invalidOnly);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    static void retire(Connection c, int id) {
        try {
            update(c, "UPDATE embedding_generations SET state = 'RETIRED', retired_at = now(), owner = NULL, "
                    + "lease_until = NULL WHERE id = ?", id);
        } catch (SQLException e) {
            throw new DataAccessException("Could not retire embedding generation " + id, e);
        }
    }

    private static Generation insert(Connection c, EmbeddingIdentity identity, String baseUrl, State state,
            String requestedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO embedding_generations (provider, model, dimensions, "
                + "storage, base_url, state, requested_by, activated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setString(1, identity.provider().id());
            ps.setString(2, identity.model());
            ps.setInt(3, identity.dimensions());
            ps.setString(4, identity.storage().id());
            ps.setString(5, baseUrl);
            ps.setString(6, state.name());
            ps.setString(7, requestedBy);
            ps.setTimestamp(8, state == State.ACTIVE ? new Timestamp(System.currentTimeMillis()) : null);
            return one(ps).orElseThrow();
        }
    }

    static Optional<Generation> find(Connection c, State state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM embedding_generations WHERE state = ?")) {
            ps.setString(1, state.name());
            return one(ps);
        }
    }

    static List<Generation> retiredBefore(Connection c, java.time.Duration grace) throws SQLException {
        List<Generation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM embedding_generations WHERE state = "
                + "'RETIRED' AND retired_at < now() - make_interval(secs => ?) ORDER BY id")) {
            ps.setDouble(1, grace.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        }
        return out;
    }

    private static Optional<Generation> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private static Generation map(ResultSet rs) throws SQLException {
        EmbeddingIdentity identity = new EmbeddingIdentity(
                Provider.valueOf(rs.getString("provider").toUpperCase(Locale.ROOT)), rs.getString("model"),
                rs.getInt("dimensions"), Storage.valueOf(rs.getString("storage").toUpperCase(Locale.ROOT)));
        Timestamp activated = rs.getTimestamp("activated_at");
        return new Generation(rs.getInt("id"), identity, rs.getString("base_url"), State.valueOf(rs.getString("state")),
                rs.getLong("embedded"), rs.getString("error"), rs.getString("requested_by"),
                rs.getTimestamp("created_at").toInstant(), activated == null ? null : activated.toInstant());
    }

    static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** Work on one connection. */
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T inConnection(String failure, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(failure, e);
        }
    }

    <T> T inTransaction(String failure, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessException(failure, e);
        }
    }
}
