package io.docqa.corpus;

import java.time.Instant;
import java.util.List;

/** Counts of an upload batch's documents by status, and its failures. */
public record BatchSummary(String batchId, int total, int queued, int processing, int ready, int failed,
        double progressSum, Instant firstStarted, Instant lastFinished, List<JobState> failures) {

    public int done() {
        return ready + failed;
    }

    /** Fraction of the batch's work done, counting partial progress of documents in flight. */
    public double progress() {
        return total == 0 ? 1 : Math.min(1, progressSum / total);
    }
}
