package io.docqa.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Ingestion settings ({@code docqa.ingest.*}). */
@ConfigMapping(prefix = "docqa.ingest")
public interface IngestConfig {

    /** Largest file accepted, in bytes (default 100 MiB). Larger files end FAILED with the limit named. */
    @WithDefault("104857600")
    long maxFileBytes();

    /** Most characters of text kept from one document (default 20 million); more ends FAILED. */
    @WithDefault("20000000")
    int maxTextChars();

    /**
     * Documents processed at the same time. Embedding has its own pool (one thread per core); several documents in
     * flight keep that pool fed while others parse, store and index (measured: 4 beats 2 by about a quarter on small
     * documents).
     */
    @WithDefault("4")
    int workers();

    /**
     * After this many new chunks, the chunks table's planner statistics are refreshed once the queue is empty, so
     * vector searches on newly ingested collections use the HNSW index at once (see {@code corpus/ChunkStatistics}).
     */
    @WithDefault("1000")
    long analyzeAfterChunks();

    /** Chunks embedded per model call. */
    @WithDefault("32")
    int embedBatchSize();

    /** Chunking sizes. */
    Chunking chunking();

    /** Building a collection's HNSW graph once after a bulk load (see {@code ingest/index/BulkVectorIndex}). */
    BulkVectorIndex bulkVectorIndex();

    interface BulkVectorIndex {
        /**
         * Queued documents of one collection, at least as many as it holds already, from which its HNSW graph is
         * dropped during the load and built once at the end (four times cheaper than inserting every vector into
         * it); 0 turns this off. Meanwhile searches of that collection compare its vectors exactly.
         */
        @WithDefault("100")
        int minDocuments();

        /**
         * PostgreSQL's {@code maintenance_work_mem} for the build, a number with kB, MB or GB (the graph is built in
         * memory up to this size; about 2 kB per 384-dimension vector).
         */
        @WithDefault("256MB")
        String maintenanceWorkMem();

        /** How often an instance looks for graphs that are due and that nobody builds (an instance died building). */
        @WithDefault("60s")
        java.time.Duration reconcileEvery();
    }

    interface Chunking {
        /** Upper bound of a chunk, in characters (about 250 words; fits the default model's 512 tokens). */
        @WithDefault("1200")
        int maxChars();

        /** Characters of the previous chunk repeated at the start of the next one, at a sentence boundary. */
        @WithDefault("200")
        int overlapChars();
    }
}
