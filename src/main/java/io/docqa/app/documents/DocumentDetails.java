package io.docqa.app.documents;

import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentMetadata;
import io.docqa.ingest.jobs.JobState;
import java.util.List;

/** One document with its ingestion job (progress, batch, version), tags and date, and warnings. */
public record DocumentDetails(Document document, JobState job, DocumentMetadata metadata, List<String> warnings) {
}
