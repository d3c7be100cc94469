package io.docqa.ingest.jobs;

import java.time.Duration;

/** Exponential backoff between attempts: initial, 2×initial, 4×initial, … capped at max. */
public record Backoff(Duration initial, Duration max) {

    /** Wait before attempt {@code nextAttempt} (2 = the first retry). */
    public Duration before(int nextAttempt) {
        int doublings = Math.max(0, Math.min(30, nextAttempt - 2));
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
