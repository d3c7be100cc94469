package io.docqa.app.jobs;

import io.docqa.ingest.jobs.JobState;
import java.util.List;

/** Running and queued work and the latest failures, with how many of each the list holds. */
public record JobOverview(int running, int queued, int failed, List<JobState> jobs) {
}
