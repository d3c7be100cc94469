package io.docqa.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Review table settings ({@code docqa.review.*}): the cell workers, their leases and the export's links. */
@ConfigMapping(prefix = "docqa.review")
public interface ReviewConfig {

    /** Cells computed in parallel by each instance that runs workers (0: this instance computes no cells). */
    @WithDefault("2")
    int workers();

    /**
     * Attempts per cell before a failure (an exception of the answerer, a server stop while computing) ends it in
     * status error; a re-run of the failed cells starts counting again.
     */
    @WithDefault("3")
    int maxAttempts();

    /**
     * How long a claimed cell stays with its instance without a renewal; the instance renews it every third of this,
     * and any instance re-queues cells whose lease ran out (their instance is gone).
     */
    @WithDefault("PT30S")
    Duration lease();

    /** How often every instance looks for cells whose lease ran out. */
    @WithDefault("PT10S")
    Duration reaperInterval();

    /** How long an idle cell worker waits before it looks for queued cells again (new runs wake it at once). */
    @WithDefault("PT2S")
    Duration pollInterval();

    /**
     * The address users open DocQA at (e.g. {@code https://docqa.example.com}), for the links back to each cell in
     * exports; unset: the address the export was requested at.
     */
    Optional<String> publicUrl();
}
