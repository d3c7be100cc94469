package io.docqa.bench;

import io.docqa.ingest.config.IngestConfig;
import io.docqa.testing.IngestConfigs;

/** Ingestion settings for benchmarks that run parts of the pipeline outside the application. */
final class BenchConfig {

    private BenchConfig() {
    }

    static IngestConfig ingest() {
        return IngestConfigs.of(100L << 20, 20_000_000);
    }
}
