package io.docqa.testing;

import io.docqa.ingest.config.IngestConfig;

/** Ingest settings for tests that use the parser and chunkers without starting the application. */
public final class IngestConfigs {

    private IngestConfigs() {
    }

    public static IngestConfig of(long maxFileBytes, int maxTextChars) {
        return new IngestConfig() {
            public long maxFileBytes() { return maxFileBytes; }
            public int maxTextChars() { return maxTextChars; }
            public int workers() { return 1; }
            public int embedBatchSize() { return 8; }
            public long analyzeAfterChunks() { return 1000; }
            public Chunking chunking() {
                return new Chunking() {
                    public int maxChars() { return 1200; }
                    public int overlapChars() { return 200; }
                };
            }
            public BulkVectorIndex bulkVectorIndex() {
                return new BulkVectorIndex() {
                    public int minDocuments() { return 0; }
                    public String maintenanceWorkMem() { return "64MB"; }
                    public java.time.Duration reconcileEvery() { return java.time.Duration.ofSeconds(60); }
                };
            }
        };
    }
}
