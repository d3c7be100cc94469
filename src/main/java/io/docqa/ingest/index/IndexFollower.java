package io.docqa.ingest.index;

import io.docqa.cluster.Instance;
import io.docqa.cluster.SessionConnections;
import io.docqa.corpus.IndexChangeLog;
import io.docqa.corpus.IndexChangeLog.Compaction;
import io.docqa.corpus.IndexFollowers;
import io.docqa.corpus.IndexVisibility;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this instance's Lucene index following PostgreSQL without any write of its own. A dedicated connection
 * LISTENs for the notification that every commit recording an index change sends; the follower then applies the
 * changes (gathered for {@code commit-delay}, like local writes). When no notification arrives within
 * {@code poll-interval} it checks the change log anyway, so a lost connection only delays it.
 *
 * <p>A new index, or one whose position the log was compacted past, is rebuilt from PostgreSQL in the background
 * while HTTP already serves; the instance reports not-ready until then and while it lags more than
 * {@code max-ready-lag} changes ({@link IndexFollowerHealthCheck}). Its position and a heartbeat go to
 * {@link IndexFollowers}; periodically one instance compacts the change log below the lowest live position.
 */
@ApplicationScoped
public class IndexFollower {

    private static final Logger LOG = Logger.getLogger(IndexFollower.class);

    private final LuceneSync sync;
    private final IndexChangeLog changes;
    private final IndexFollowers followers;
    private final IndexVisibility visibility;
    private final Instance instance;
    private final IndexSyncConfig config;
    private final MeterRegistry metrics;
    private final SessionConnections sessions;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("index-follower-timer").daemon().factory());
    private volatile boolean running;
    private volatile boolean bootstrapping = true;
    private volatile Connection listening;
    private Thread loop;

    public IndexFollower(LuceneSync sync, IndexChangeLog changes, IndexFollowers followers, IndexVisibility visibility,
            Instance instance, IndexSyncConfig config, MeterRegistry metrics,
            SessionConnections sessions) {
        this.sessions = sessions;
        this.sync = sync;
        this.changes = changes;
        this.followers = followers;
        this.visibility = visibility;
        this.instance = instance;
        this.config = config;
        this.metrics = metrics;
    }

    /** Where this instance's index stands: what readiness and the lag gauge report. */
    public record Status(boolean bootstrapping, long applied, long head, long lag) {
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        report(); // before anything is read: from now on compaction keeps what this instance still needs
        sync.onApplied(seq -> report());
        Gauge.builder("docqa.index.lag", this, IndexFollower::lagForGauge)
                .description("Index changes committed in PostgreSQL that this instance's Lucene index has not applied")
                .register(metrics);
        loop = Thread.ofPlatform().name("index-follower").daemon().start(this::follow);
        long heartbeat = Math.max(100, config.heartbeat().toMillis());
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long compaction = Math.max(100, config.compactionInterval().toMillis());
        timers.scheduleWithFixedDelay(this::compact, compaction, compaction, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops following after the ingest workers have stopped (a later priority), then applies what PostgreSQL
     * committed, so that a stopped server leaves both indexes in step.
     */
    void onStop(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
        running = false;
        timers.shutdownNow();
        closeListener();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!bootstrapping) {
            try {
                sync.catchUp();
                report();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not bring the Lucene index up to date before stopping; the next start will", e);
            }
        }
    }

    /** The current position of this instance against the newest committed change. */
    public Status status() {
        long applied = visibility.appliedSeq();
        long head = changes.lastSeq();
        return new Status(bootstrapping, applied, head, Math.max(0, head - applied));
    }

    /** Whether this instance's index can serve: bootstrapped and within {@code max-ready-lag}. */
    public boolean isReady(Status status) {
        return !status.bootstrapping() && status.lag() <= config.maxReadyLag();
    }

    private double lagForGauge() {
        try {
            return status().lag();
        } catch (RuntimeException e) {
            return Double.NaN; // PostgreSQL unreachable: the lag is unknown
        }
    }

    private void follow() {
        bootstrap();
        while (running) {
            try {
                if (sync.isBehindHorizon()) { // forgotten while away (a long pause): the log moved on without us
                    bootstrap();
                } else if (awaitNotification() || changes.lastSeq() > visibility.appliedSeq()) {
                    sync.catchUpSoon();
                }
            } catch (RuntimeException e) {
                LOG.warn("The Lucene index follower could not read the change log; retrying", e);
                sleep(config.pollInterval().toMillis());
            }
        }
    }

    /** Brings the index up to date before the loop starts: a rebuild when it is new or behind the compacted log. */
    private void bootstrap() {
        bootstrapping = true;
        while (running) {
            try {
                if (sync.isNew() && changes.lastSeq() > 0 || sync.isBehindHorizon()) {
                    LOG.infof("Bootstrapping the Lucene index from PostgreSQL in the background (%s)",
                            sync.isNew() ? "new index" : "the change log was compacted past its position");
                    sync.rebuild();
                } else {
                    int replayed = sync.catchUp();
                    if (replayed > 0) {
                        LOG.infof("Applied %d document change(s) that the Lucene index had missed", replayed);
                    }
                }
                bootstrapping = false;
                report();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not bring the Lucene index up to date with PostgreSQL; retrying", e);
                sleep(config.pollInterval().toMillis());
            }
        }
    }

    /**
     * Waits up to the poll interval for a change notification; true when one came. Without a listening connection
     * (PostgreSQL restarted, network cut) it opens a new one, or falls back to polling until it can.
     */
    private boolean awaitNotification() {
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.pollInterval().toMillis()));
        Connection c = listening;
        if (c == null) {
            c = listen();
            if (c == null) {
                sleep(timeout);
                return false;
            }
        }
        try {
            PGNotification[] got = c.unwrap(PGConnection.class).getNotifications(timeout);
            return got != null && got.length > 0;
        } catch (SQLException e) {
            if (running) {
                LOG.warnf("Lost the change notifications connection (%s); polling until it is back", e.getMessage());
            }
            closeListener();
            return false;
        }
    }

    private Connection listen() {
        try {
            Connection c = sessions.open(); // a direct one when the datasource goes through PgBouncer
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN " + IndexChangeLog.CHANNEL);
            }
            listening = c;
            return c;
        } catch (SQLException e) {
            LOG.warnf("Cannot listen for index changes (%s); polling every %s", e.getMessage(), config.pollInterval());
            return null;
        }
    }

    private void closeListener() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the notifications connection failed", e);
            }
        }
    }

    private void heartbeat() {
        try {
            report();
        } catch (RuntimeException e) {
            LOG.warnf("Could not record this instance's index position (%s)", e.getMessage());
        }
    }

    private void report() {
        followers.report(instance.id(), instance.role().name().toLowerCase(Locale.ROOT), visibility.appliedSeq());
    }

    private void compact() {
        try {
            Compaction done = changes.compact(config.forgetAfter());
            if (done.forgotten() > 0 || done.deleted() > 0) {
                LOG.infof("Compacted the index change log: %d change(s) deleted, %d silent instance(s) forgotten, "
                        + "horizon %d", done.deleted(), done.forgotten(), done.horizon());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not compact the index change log (%s)", e.getMessage());
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
