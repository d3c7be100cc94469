package io.docqa.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.io.input.BoundedInputStream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Originals as objects {@code <prefix><document id>} in one bucket of an S3-compatible store, shared by every
 * instance. Uploads go from the staged local file with their length (multipart above {@link #MULTIPART_THRESHOLD});
 * reads go through a bounded local cache ({@link LocalCache}), which also keeps what this instance uploaded, since
 * the instance that receives a file usually processes it too.
 */
public class S3OriginalsStore implements OriginalsStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3OriginalsStore.class);
    /** Files larger than this are uploaded in parts, so that a failed part is sent again instead of the whole file. */
    public static final long MULTIPART_THRESHOLD = 64L << 20;
    public static final long PART_SIZE = 16L << 20;

    private final S3Client s3;
    private final String endpoint;
    private final String bucket;
    private final String prefix;
    private final Staging staging;
    private final LocalCache cache;
    private final long multipartThreshold;
    private final long partSize;
    private final Object[] fetchLocks = new Object[64];

    /**
     * A store over {@code s3} that stages uploads in {@code stagingDir} and caches reads in {@code cacheDir}, at most
     * {@code cacheMaxBytes}; files above {@code multipartThreshold} bytes are sent in parts of {@code partSize}.
     */
    public S3OriginalsStore(S3Client s3, String endpoint, String bucket, String prefix, Path stagingDir, Path cacheDir,
            long cacheMaxBytes, long multipartThreshold, long partSize) throws IOException {
        this.s3 = s3;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.prefix = prefix;
        this.staging = new Staging(stagingDir);
        this.cache = new LocalCache(cacheDir, cacheMaxBytes);
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        for (int i = 0; i < fetchLocks.length; i++) {
            fetchLocks[i] = new Object();
        }
    }

    /**
     * The store the settings describe, its bucket created when missing.
     *
     * @throws IllegalStateException naming the setting when the endpoint or the bucket is missing, or the store
     *         cannot be reached at start
     */
    public static S3OriginalsStore create(OriginalsStorageConfig config, Path dataDir) throws IOException {
        OriginalsStorageConfig.S3 c = config.s3();
        String endpoint = required(c.endpoint().orElse(null), "endpoint", "DOCQA_S3_ENDPOINT");
        String bucket = required(c.bucket().orElse(null), "bucket", "DOCQA_S3_BUCKET");
        if (c.accessKeyId().filter(s -> !s.isBlank()).isPresent() != c.secretAccessKey().filter(s -> !s.isBlank()).isPresent()) {
            throw new IllegalStateException("docqa.storage.s3.access-key-id (DOCQA_S3_ACCESS_KEY_ID) and "
                    + "docqa.storage.s3.secret-access-key (DOCQA_S3_SECRET_ACCESS_KEY) go together: set both, or "
                    + "neither to use the default AWS credentials.");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("docqa.storage.s3.endpoint (DOCQA_S3_ENDPOINT) is not a URL: " + endpoint, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("docqa.storage.s3.endpoint (DOCQA_S3_ENDPOINT) must be a URL such as "
                    + "https://s3.us-east-1.amazonaws.com or http://minio:9000, not " + endpoint);
        }
        AwsCredentialsProvider credentials = c.accessKeyId().filter(s -> !s.isBlank())
                .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(id, c.secretAccessKey().orElseThrow())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3Client client = S3Client.builder().endpointOverride(uri).region(Region.of(c.region()))
                .credentialsProvider(credentials).forcePathStyle(c.pathStyle())
                // plain checksums only when required: S3-compatible stores do not all read the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .build();
        S3OriginalsStore store = new S3OriginalsStore(client, endpoint, bucket, c.prefix(),
                dataDir.resolve("originals").resolve("incoming"), dataDir.resolve("originals-cache"),
                config.cacheMaxBytes(), MULTIPART_THRESHOLD, PART_SIZE);
        try {
            store.ensureBucket();
        } catch (StoreUnavailableException e) {
            client.close();
            throw new IllegalStateException("The object store of the originals could not be used at start: "
                    + e.getMessage() + " Check docqa.storage.s3.endpoint (DOCQA_S3_ENDPOINT), the bucket and the "
                    + "credentials.", e);
        }
        return store;
    }

    private static String required(String value, String key, String env) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("docqa.storage.s3." + key + " (" + env + ") is required when "
                    + "DOCQA_STORAGE_TYPE=s3.");
        }
        return value.strip();
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        boolean exists = call("check the bucket", () -> {
            try {
                s3.headBucket(b -> b.bucket(bucket));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
        if (!exists) {
            call("create the bucket", () -> s3.createBucket(b -> b.bucket(bucket)));
            LOG.infof("Created bucket %s at %s for the originals", bucket, endpoint);
        }
    }

    @Override
    public Staged stage(InputStream in) throws IOException {
        return staging.stage(in);
    }

    @Override
    public void keep(Staged staged, long documentId) throws IOException {
        upload(staged.file(), staged.size(), key(documentId));
        cache.put(documentId, staged.file(), false);
    }

    private void upload(Path file, long size, String key) {
        if (size <= multipartThreshold) {
            call("store " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size),
                    RequestBody.fromFile(file)));
            return;
        }
        String uploadId = call("start the upload of " + key,
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long from = offset;
                long length = Math.min(partSize, size - offset);
                int n = number;
                // each attempt of the SDK reads the part afresh from the staged file, never from memory
                RequestBody part = RequestBody.fromContentProvider(() -> slice(file, from, length), length,
                        "application/octet-stream");
                String etag = call("store part " + n + " of " + key, () -> s3.uploadPart(b -> b.bucket(bucket)
                        .key(key).uploadId(uploadId).partNumber(n).contentLength(length), part).eTag());
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            call("complete the upload of " + key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void discard(Staged staged) {
        Staging.discard(staged);
    }

    /** A copy inside the store: the bytes do not travel through this instance. */
    @Override
    public void copy(long from, long to) {
        call("copy " + key(from), () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key(from))
                .destinationBucket(bucket).destinationKey(key(to))));
    }

    @Override
    public boolean exists(long documentId) {
        return call("look up " + key(documentId), () -> {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key(documentId)));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public LocalOriginal open(long documentId) throws IOException {
        if (!cache.pin(documentId)) {
            synchronized (fetchLocks[(int) Math.floorMod(documentId, (long) fetchLocks.length)]) {
                if (!cache.pin(documentId)) {
                    fetch(documentId);
                }
            }
        }
        Path file = cache.pathOf(documentId);
        return new LocalOriginal() {
            private boolean open = true;

            @Override
            public Path path() {
                return file;
            }

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    cache.unpin(documentId);
                }
            }
        };
    }

    /** Downloads the original into the cache, pinned. */
    private void fetch(long documentId) throws IOException {
        Path target = cache.downloadTarget();
        try {
            call("read " + key(documentId), () -> s3.getObject(b -> b.bucket(bucket).key(key(documentId)),
                    ResponseTransformer.toFile(target)));
            cache.put(documentId, target, true);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(describe() + documentId, null, "the object store has no original of document "
                    + documentId);
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Override
    public void delete(long documentId) throws IOException {
        call("delete " + key(documentId), () -> s3.deleteObject(b -> b.bucket(bucket).key(key(documentId))));
        cache.remove(documentId);
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix + " at " + endpoint;
    }

    /** Bytes in the local read cache. */
    public long cachedBytes() {
        return cache.bytes();
    }

    public String keyOf(long documentId) {
        return key(documentId);
    }

    private String key(long documentId) {
        return prefix + documentId;
    }

    /**
     * Runs a request; a store that cannot be reached or fails becomes a {@link StoreUnavailableException} that says
     * what could not be done where. A missing object stays a {@link NoSuchKeyException} for the caller to handle.
     */
    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (S3Exception e) {
            String detail = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode();
            throw new StoreUnavailableException("The object store at " + endpoint + " refused to " + what
                    + " in bucket " + bucket + " (HTTP " + e.statusCode() + ", " + detail + ").", e);
        } catch (SdkException e) {
            throw new StoreUnavailableException("The object store at " + endpoint + " could not be reached to " + what
                    + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
