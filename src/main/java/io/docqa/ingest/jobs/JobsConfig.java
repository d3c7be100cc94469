package io.docqa.ingest.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Ingestion job settings ({@code docqa.ingest.jobs.*}): retries of transient failures and bulk uploads. */
@ConfigMapping(prefix = "docqa.ingest.jobs")
public interface JobsConfig {

    /**
     * Attempts per document before a transient failure (database or disk error, server stop while processing)
     * becomes final. Files that cannot be read are not retried.
     */
    @WithDefault("4")
    int maxAttempts();

    /** Wait before the second attempt; each further attempt waits twice as long. */
    @WithDefault("PT2S")
    Duration initialBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /** Most members taken from one uploaded ZIP when uploads are expanded ({@code ?expand=true}). */
    @WithDefault("10000")
    int zipMaxEntries();

    /** Most bytes unpacked from one uploaded ZIP in total (default 2 GiB); more refuses the rest (zip bombs). */
    @WithDefault("2147483648")
    long zipMaxTotalBytes();
}
