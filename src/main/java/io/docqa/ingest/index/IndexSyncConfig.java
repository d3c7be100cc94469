package io.docqa.ingest.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the Lucene index follows PostgreSQL ({@code docqa.ingest.index.*}). */
@ConfigMapping(prefix = "docqa.ingest.index")
public interface IndexSyncConfig {

    /**
     * How long newly ingested documents are gathered before the Lucene index commits them together. One commit per
     * second instead of one per document writes fewer, larger segments (less flushing, merging and fsync while a
     * corpus is ingested). A search never waits for it: a search that needs a committed document applies the
     * pending changes at once. {@code 0} commits each document as it is stored.
     */
    @WithDefault("PT1S")
    Duration commitDelay();

    /**
     * How often the follower looks for new changes in PostgreSQL when no notification arrived (a fallback: changes
     * are announced by LISTEN/NOTIFY as they commit).
     */
    @WithDefault("PT5S")
    Duration pollInterval();

    /**
     * The instance reports not-ready ({@code /q/health/ready}) while its index is more than this many changes behind
     * PostgreSQL, and while it bootstraps.
     */
    @WithDefault("1000")
    long maxReadyLag();

    /** How often the follower records its position and that it is alive, even when nothing changes. */
    @WithDefault("PT10S")
    Duration heartbeat();

    /**
     * A follower silent this long is forgotten: the change log is no longer kept for it, and it rebuilds its index
     * if it comes back after the log was compacted past its position.
     */
    @WithDefault("PT30M")
    Duration forgetAfter();

    /** How often an instance compacts the change log (one instance at a time). */
    @WithDefault("PT1M")
    Duration compactionInterval();
}
