package io.docqa.app.jobs;

/** A rebuild of the Lucene index: what it holds now, up to which change, and how long it took. */
public record Reindexed(int documents, int chunks, long changeSeq, long millis) {
}
