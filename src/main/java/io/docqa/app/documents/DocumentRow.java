package io.docqa.app.documents;

import io.docqa.corpus.Document;
import io.docqa.ingest.jobs.JobState;
import java.util.List;

/** A document as a live list shows it: with its ingestion job (null when it has none) and its warnings. */
public record DocumentRow(Document document, JobState job, List<String> warnings) {
}
