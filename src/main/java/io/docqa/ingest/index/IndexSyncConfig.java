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
}
