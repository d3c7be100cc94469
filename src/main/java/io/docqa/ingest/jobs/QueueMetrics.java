package io.docqa.ingest.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The depth of the ingest queue for the metrics endpoint: the gauge {@value #DEPTH} ({@code docqa_ingest_queue_depth}
 * in Prometheus) with the label {@code state} = {@code queued} (waiting for a worker, retries included) or
 * {@code processing}. The queue is the whole cluster's (one table), so every instance reports the same numbers. One
 * grouped count over the queue's partial index serves all states and is reused for a few seconds, so scrapes by
 * several Prometheus servers cost the database almost nothing.
 */
@Startup
@ApplicationScoped
public class QueueMetrics {

    private static final Logger LOG = Logger.getLogger(QueueMetrics.class);
    public static final String DEPTH = "docqa.ingest.queue.depth";
    private static final long FRESH_NANOS = 5_000_000_000L;
    private static final String[] STATES = {"QUEUED", "PROCESSING"};

    private final Jdbi jdbi;
    private Map<String, Long> counts = Map.of(); // guarded by this
    private long countedAt; // guarded by this
    private boolean counted; // guarded by this

    public QueueMetrics(Jdbi jdbi, MeterRegistry registry) {
        this.jdbi = jdbi;
        for (String state : STATES) {
            Gauge.builder(DEPTH, this, m -> m.depth(state)).description("Documents in the ingest queue")
                    .tag("state", state.toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
    }

    /** Documents in {@code state} now (at most a few seconds old); NaN when the database cannot be reached. */
    synchronized double depth(String state) {
        long now = System.nanoTime();
        if (!counted || now - countedAt > FRESH_NANOS) {
            try {
                Map<String, Long> fresh = new HashMap<>();
                jdbi.useHandle(h -> h.createQuery("SELECT status, count(*) FROM documents"
                        + " WHERE status IN ('QUEUED', 'PROCESSING') GROUP BY status")
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .forEach(e -> fresh.put(e.getKey(), e.getValue())));
                counts = fresh;
            } catch (JdbiException e) {
                LOG.debugf("Could not count the ingest queue: %s", e.getMessage());
                counts = null;
            }
            countedAt = now;
            counted = true;
        }
        return counts == null ? Double.NaN : counts.getOrDefault(state, 0L);
    }
}
