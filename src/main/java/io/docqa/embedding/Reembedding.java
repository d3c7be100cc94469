package io.docqa.embedding;

import com.pgvector.PGvector;
import io.docqa.cluster.Instance;
import io.docqa.corpus.DataAccessException;
import io.docqa.embedding.Generation.State;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The re-embedding job: fills the BUILDING generation with a vector of its model for every chunk, beside the active
 * generation that searches keep using, then builds its HNSW index and switches in one transaction. The job has a
 * lease on the generation row (owner, lease_until) like ingestion jobs: any worker instance takes it over when its
 * holder is gone, and resumes where it stopped, because what is left is simply the chunks without a vector of the
 * new generation (chunks ingested meanwhile included). Retired generations are deleted after a grace period.
 */
@ApplicationScoped
public class Reembedding {

    private static final Logger LOG = Logger.getLogger(Reembedding.class);

    /** How a run of the job ended. */
    public enum Outcome {
        /** No re-embedding to do. */
        NOTHING,
        /** Another instance holds the job. */
        HELD_ELSEWHERE,
        /** Stopped after the number of batches asked for; the next run resumes. */
        PAUSED,
        /** The new vectors are searched now. */
        SWITCHED,
        /** The model failed (server unreachable, input rejected): recorded as the generation's error, tried again later. */
        FAILED,
        /** The lease ran out and another instance took the job over. */
        LEASE_LOST
    }

    /** Progress of a re-embedding, for the administrator. */
    public record Status(Generation active, Optional<Generation> building, long chunks, long embedded) {
        public double fraction() {
            return chunks == 0 ? 1.0 : Math.min(1.0, (double) embedded / chunks);
        }
    }

    private record Pending(long id, String text) {
    }

    private final DataSource dataSource;
    private final EmbeddingGenerations generations;
    private final Embedder embedder;
    private final EmbeddingConfig config;
    private final Instance instance;

    public Reembedding(DataSource dataSource, EmbeddingGenerations generations, Embedder embedder, EmbeddingConfig config,
            Instance instance) {
        this.dataSource = dataSource;
        this.generations = generations;
        this.embedder = embedder;
        this.config = config;
        this.instance = instance;
    }

    @Scheduled(every = "${docqa.embedding.reembed-poll:5s}", delay = 2, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!instance.runsWorkers()) {
            return;
        }
        try {
            run(instance.id(), Integer.MAX_VALUE);
            deleteRetired();
        } catch (RuntimeException e) {
            LOG.warnf("Re-embedding step failed (tried again later): %s", e.getMessage());
        }
    }

    /** The active generation, the one being built (if any) and how far it is. */
    public Status status() {
        Generation active = generations.activeFresh();
        Optional<Generation> building = generations.building();
        long chunks = generations.chunkCount();
        return new Status(active, building, chunks, building.map(b -> generations.vectorCount(b.id())).orElse(0L));
    }

    /**
     * Works on the re-embedding as {@code owner} for at most {@code maxBatches} batches (then stops, keeping nothing
     * but the vectors written: an interrupted run), or until it switches.
     */
    public Outcome run(String owner, int maxBatches) {
        Optional<Generation> found = generations.building();
        if (found.isEmpty()) {
            return Outcome.NOTHING;
        }
        Generation g = found.get();
        if (!claim(g, owner)) {
            return Outcome.HELD_ELSEWHERE;
        }
        long after = 0;
        for (int batches = 0; batches < maxBatches; batches++) {
            List<Pending> batch = pending(g, after, Math.max(1, config.reembedBatchSize()));
            if (batch.isEmpty()) {
                if (after > 0) {
                    after = 0; // one more pass from the start: chunks may have been replaced meanwhile
                    continue;
                }
                return finish(g, owner);
            }
            List<float[]> vectors;
            try {
                vectors = embedder.embedPassages(g, batch.stream().map(Pending::text).toList());
            } catch (EmbeddingRejectedException | DataAccessException e) {
                LOG.warnf("Re-embedding into %s: %s (tried again later)", g.identity(), e.getMessage());
                release(g, owner, e.getMessage());
                return Outcome.FAILED;
            }
            if (!write(g, owner, batch, vectors)) {
                return Outcome.LEASE_LOST;
            }
            after = batch.get(batch.size() - 1).id();
        }
        release(g, owner, null);
        return Outcome.PAUSED;
    }

    private boolean claim(Generation g, String owner) {
        return generations.inConnection("Could not claim the re-embedding", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE embedding_generations SET owner = ?, lease_until = "
                    + "now() + make_interval(secs => ?) WHERE id = ? AND state = 'BUILDING' AND (owner IS NULL OR "
                    + "owner = ? OR lease_until IS NULL OR lease_until < now())")) {
                ps.setString(1, owner);
                ps.setDouble(2, leaseSeconds());
                ps.setInt(3, g.id());
                ps.setString(4, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private boolean renew(Connection c, Generation g, String owner, long added) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE embedding_generations SET embedded = embedded + ?, "
                + "error = NULL, lease_until = now() + make_interval(secs => ?) WHERE id = ? AND state = 'BUILDING' "
                + "AND owner = ?")) {
            ps.setLong(1, added);
            ps.setDouble(2, leaseSeconds());
            ps.setInt(3, g.id());
            ps.setString(4, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives the job up (another instance may take it at once), recording why when a model call failed. */
    private void release(Generation g, String owner, String error) {
        generations.inConnection("Could not release the re-embedding", c -> {
            EmbeddingGenerations.update(c, "UPDATE embedding_generations SET error = ?, owner = NULL, lease_until = NULL "
                    + "WHERE id = ? AND owner = ?", error, g.id(), owner);
            return null;
        });
    }

    private double leaseSeconds() {
        return config.reembedLease().toMillis() / 1000.0;
    }

    /** Chunks after {@code after} (by id) without a vector of the generation, with the text their model reads. */
    private List<Pending> pending(Generation g, long after, int limit) {
        return generations.inConnection("Could not read the chunks to re-embed", c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.text, c.heading_path, c.context FROM chunks c "
                    + "WHERE c.id > ? AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.generation_id = ? "
                    + "AND v.chunk_id = c.id) ORDER BY c.id LIMIT ?")) {
                ps.setLong(1, after);
                ps.setInt(2, g.id());
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Pending(rs.getLong(1), PassageText.of(rs.getString(2), rs.getString(3), rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    /** Writes a batch's vectors and renews the lease in one transaction; false when the lease was lost. */
    private boolean write(Generation g, String owner, List<Pending> batch, List<float[]> vectors) {
        return generations.inTransaction("Could not store re-embedded vectors", c -> {
            String value = g.identity().storage() == EmbeddingConfig.Storage.HALFVEC
                    ? "NULL, CAST(? AS vector)::halfvec" : "CAST(? AS vector), NULL";
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO chunk_vectors (generation_id, chunk_id, "
                    + "collection_id, document_id, embedding, embedding_half) SELECT ?, id, collection_id, document_id, "
                    + value + " FROM chunks WHERE id = ? ON CONFLICT DO NOTHING")) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setInt(1, g.id());
                    ps.setObject(2, new PGvector(vectors.get(i)));
                    ps.setLong(3, batch.get(i).id());
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    added += Math.max(0, n);
                }
            }
            if (!renew(c, g, owner, added)) {
                c.rollback();
                return false;
            }
            return true;
        });
    }

    /** Builds the new generation's index (renewing the lease meanwhile), then switches if nothing is left. */
    private Outcome finish(Generation g, String owner) {
        AtomicBoolean building = new AtomicBoolean(true);
        Thread heartbeat = Thread.ofVirtual().start(() -> {
            while (building.get()) {
                try {
                    Thread.sleep(Math.max(100, config.reembedLease().toMillis() / 3));
                    if (building.get()) {
                        generations.inConnection("Could not renew the re-embedding lease", c -> renew(c, g, owner, 0));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("Could not renew the re-embedding lease: %s", e.getMessage());
                }
            }
        });
        try {
            buildIndex(g);
        } finally {
            building.set(false);
            heartbeat.interrupt();
        }
        Boolean switched = generations.inTransaction("Could not switch to the re-embedded vectors", c -> {
            EmbeddingGenerations.exclusiveLock(c); // no ingestion writes vectors of the old generation meanwhile
            if (!pendingIn(c, g)) {
                Optional<Generation> active = EmbeddingGenerations.find(c, State.ACTIVE);
                active.ifPresent(a -> EmbeddingGenerations.retire(c, a.id()));
                try (PreparedStatement ps = c.prepareStatement("UPDATE embedding_generations SET state = 'ACTIVE', "
                        + "activated_at = now(), owner = NULL, lease_until = NULL, error = NULL WHERE id = ? AND owner = ?")) {
                    ps.setInt(1, g.id());
                    ps.setString(2, owner);
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        return null;
                    }
                }
                return true;
            }
            return false;
        });
        if (switched == null) {
            return Outcome.LEASE_LOST;
        }
        if (!switched) {
            return run(owner, Integer.MAX_VALUE); // documents arrived during the index build
        }
        generations.activeFresh();
        generations.inConnection("Could not analyze chunk_vectors", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE chunk_vectors");
            }
            return null;
        });
        LOG.infof("Re-embedding complete: searches use %s (generation %d) now", g.identity(), g.id());
        return Outcome.SWITCHED;
    }

    private static boolean pendingIn(Connection c, Generation g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM chunks c WHERE NOT EXISTS "
                + "(SELECT 1 FROM chunk_vectors v WHERE v.generation_id = ? AND v.chunk_id = c.id))")) {
            ps.setInt(1, g.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The generation's HNSW index, built without blocking writes; an index left invalid by an interrupted build is redone. */
    private void buildIndex(Generation g) {
        generations.inConnection("Could not build the HNSW index of the new vectors", c -> {
            for (String invalid : EmbeddingGenerations.indexes(c, g, true)) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + invalid);
                }
            }
            long t0 = System.nanoTime();
            EmbeddingGenerations.createIndex(c, g, true);
            LOG.infof("Built the HNSW indexes of generation %d in %d ms", g.id(), (System.nanoTime() - t0) / 1_000_000);
            return null;
        });
    }

    /** Deletes the vectors and index of generations retired longer than the grace period ago. */
    public void deleteRetired() {
        Duration grace = config.retiredGrace();
        List<Generation> retired = generations.inConnection("Could not read retired generations",
                c -> EmbeddingGenerations.retiredBefore(c, grace));
        for (Generation g : retired) {
            generations.inConnection("Could not delete retired vectors", c -> {
                try (Statement st = c.createStatement()) {
                    for (String index : EmbeddingGenerations.indexes(c, g, false)) {
                        st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                    }
                    int deleted;
                    do {
                        deleted = st.executeUpdate("DELETE FROM chunk_vectors WHERE ctid IN (SELECT ctid FROM "
                                + "chunk_vectors WHERE generation_id = " + g.id() + " LIMIT 10000)");
                    } while (deleted > 0);
                }
                return null;
            });
        }
    }
}
