package io.docqa.retrieve;

import jakarta.enterprise.context.RequestScoped;

/** The stage timings of the hybrid retrievals of the current request, for the search response. */
@RequestScoped
public class StageTimingRecorder {

    private StageTimings last;

    void record(StageTimings timings) {
        last = timings;
    }

    /** Timings of the last hybrid retrieval in this request, or null when none ran. */
    public StageTimings last() {
        return last;
    }
}
