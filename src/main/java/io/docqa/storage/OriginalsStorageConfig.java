package io.docqa.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the originals are kept ({@code docqa.storage.*}); {@code docqa.storage.s3.*} is also read as {@code docqa.s3.*}. */
@ConfigMapping(prefix = "docqa.storage")
public interface OriginalsStorageConfig {

    /** The kinds of store. */
    enum Type {
        /** {@code DOCQA_CORPUS_DATA_DIR/originals} on this machine: one instance only. */
        FILESYSTEM,
        /** An S3-compatible object store (AWS S3, MinIO, Ceph RGW, ...), shared by every instance. */
        S3
    }

    /** {@code filesystem} (default) or {@code s3} (env DOCQA_STORAGE_TYPE). */
    @WithDefault("filesystem")
    Type type();

    /**
     * Most bytes of originals kept in the local read cache ({@code DOCQA_CORPUS_DATA_DIR/originals-cache}) with the
     * s3 store; the least recently used go first. Parsing and page rendering read from there.
     */
    @WithDefault("2147483648")
    long cacheMaxBytes();

    S3 s3();

    /** The S3-compatible object store ({@code docqa.storage.s3.*}, or {@code DOCQA_S3_*}). */
    interface S3 {

        /** Endpoint URL, e.g. {@code https://s3.eu-west-1.amazonaws.com} or {@code http://minio:9000}. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Bucket of the originals; created when missing. */
        Optional<String> bucket();

        /** Access key; without one the SDK's default credentials (environment, profile, instance role) are used. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style URLs ({@code endpoint/bucket/key}), which MinIO and most self-hosted stores need. */
        @WithDefault("true")
        boolean pathStyle();

        /** Prefix of the object keys: an original is {@code <prefix><document id>}. */
        @WithDefault("originals/")
        String prefix();
    }
}
