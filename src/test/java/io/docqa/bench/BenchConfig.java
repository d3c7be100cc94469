package io.docqa.bench;

import io.docqa.ingest.IngestConfig;

/** Ingestion settings for benchmarks that run parts of the pipeline outside the application. */
final class BenchConfig {

    private BenchConfig() {
    }

    static IngestConfig ingest() {
        return new IngestConfig() {
            public long maxFileBytes() { return 100L << 20; }
            public int maxTextChars() { return 20_000_000; }
            public int workers() { return 1; }
            public int embedBatchSize() { return 32; }
            public long analyzeAfterChunks() { return 1000; }
            public Chunking chunking() {
                return new Chunking() {
                    public int maxChars() { return 1200; }
                    public int overlapChars() { return 200; }
                };
            }
        };
    }
}
