package io.docqa.ingest.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Counts of an upload batch's documents by status, and its failures. */
public record BatchSummary(String batchId, int total, int queued, int processing, int ready, int failed,
        double progressSum, Instant firstStarted, Instant lastFinished, List<JobState> failures) {

    public int done() {
        return ready + failed;
    }

    /**
     * Seconds left at the rate so far: time since the first document started × work left / work done. Zero when
     * everything is done; null while there is no rate yet (nothing started, or 5 % of one document or less done).
     */
    public Long secondsLeft(Instant now) {
        if (done() == total) {
            return 0L;
        }
        if (firstStarted == null || progressSum <= 0.05) {
            return null;
        }
        double elapsed = Duration.between(firstStarted, now).toMillis() / 1000.0;
        return Math.round(elapsed * (total - progressSum) / progressSum);
    }

    /** Fraction of the batch's work done, counting partial progress of documents in flight. */
    public double progress() {
        return total == 0 ? 1 : Math.min(1, progressSum / total);
    }
}
