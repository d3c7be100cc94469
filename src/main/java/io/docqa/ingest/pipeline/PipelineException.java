package io.docqa.ingest.pipeline;

import java.util.List;

/** Invalid pipeline files: every problem names its file, line and field. The application does not start. */
public class PipelineException extends RuntimeException {

    private final List<String> problems;

    public PipelineException(List<String> problems) {
        super("Invalid ingestion pipeline" + (problems.size() == 1 ? ": " : "s:\n  ") + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
