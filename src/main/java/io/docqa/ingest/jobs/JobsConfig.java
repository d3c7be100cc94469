package io.docqa.ingest.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Ingestion job settings ({@code docqa.ingest.jobs.*}): retries of transient failures, job leases between
 * instances and bulk uploads.
 */
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

    /**
     * How long a claimed document (or a running evaluation run) stays with its instance without a renewal. The
     * instance renews it every third of this while it works; when the instance is gone, the lease runs out and
     * another instance takes the work over. Longer leases survive longer database hiccups; shorter ones take over
     * sooner.
     */
    @WithDefault("PT30S")
    Duration lease();

    /**
     * How often every instance looks for work whose lease ran out. A document of a stopped instance is queued again
     * within lease + this interval (plus a worker's poll of a few seconds).
     */
    @WithDefault("PT10S")
    Duration reaperInterval();

    /**
     * How long a normal stop lets the documents in progress finish. Those still unfinished then go back to the queue
     * at once (another instance takes them without waiting for the lease) and their workers are interrupted. Keep it
     * below the platform's stop timeout (Kubernetes: terminationGracePeriodSeconds, 30 s by default).
     */
    @WithDefault("PT10S")
    Duration stopGrace();

    /** Most members taken from one uploaded ZIP when uploads are expanded ({@code ?expand=true}). */
    @WithDefault("10000")
    int zipMaxEntries();

    /** Most bytes unpacked from one uploaded ZIP in total (default 2 GiB); more refuses the rest (zip bombs). */
    @WithDefault("2147483648")
    long zipMaxTotalBytes();
}
