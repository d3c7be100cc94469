package io.docqa.app.feedback;

import java.util.List;

/**
 * A golden-QA dataset written from feedback: its name, the directory an evaluation run names as its dataset, how many
 * cases it holds and which feedback could not become a case, and why.
 */
public record DatasetExport(String name, String dataset, int cases, int documents, List<Skipped> skipped) {

    public record Skipped(long feedbackId, String reason) {
    }
}
