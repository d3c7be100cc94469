package io.docqa.app.documents;

import io.docqa.corpus.Document;
import java.util.List;

/** The documents an upload created (each queued, or FAILED with its reason) and the batch they belong to. */
public record Uploaded(List<Document> documents, String batchId) {
}
