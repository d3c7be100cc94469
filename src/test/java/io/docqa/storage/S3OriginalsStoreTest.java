package io.docqa.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.storage.OriginalsStore.LocalOriginal;
import io.docqa.storage.OriginalsStore.Staged;
import io.docqa.testing.S3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The s3 store against a real S3 server (S3Proxy): what one instance keeps, another reads; the cache stays bounded. */
class S3OriginalsStoreTest {

    private static final long MIB = 1L << 20;
    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() {
        server = new S3Server().startServer();
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    /** A store as the app makes it, except that files above 5 MiB (S3's smallest part) go up in parts of 5 MiB. */
    private static S3OriginalsStore store(String bucket, long cacheMaxBytes) throws IOException {
        Path dir = Files.createTempDirectory("docqa-store");
        S3OriginalsStore store = new S3OriginalsStore(server.client(), server.endpoint(), bucket, "originals/",
                dir.resolve("incoming"), dir.resolve("cache"), cacheMaxBytes, 5 * MIB, 5 * MIB);
        store.ensureBucket();
        return store;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] object(String bucket, String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    @Test
    void an_original_kept_by_one_instance_is_read_copied_and_deleted_by_another() throws IOException {
        S3OriginalsStore a = store(server.bucket(), 100 * MIB);
        S3OriginalsStore b = store(server.bucket(), 100 * MIB); // its own, empty cache: like another machine
        byte[] content = bytes(10_000, 1);
        Staged staged = a.stage(new ByteArrayInputStream(content));
        assertEquals(10_000, staged.size());
        a.keep(staged, 41);
        assertArrayEquals(content, object(server.bucket(), "originals/41"));
        assertFalse(Files.exists(staged.file()), "the staged file is used up");

        try (LocalOriginal local = b.open(41)) {
            assertArrayEquals(content, Files.readAllBytes(local.path()));
        }
        assertTrue(b.exists(41));
        b.copy(41, 42);
        assertArrayEquals(content, object(server.bucket(), "originals/42"));
        b.delete(41);
        assertFalse(a.exists(41));
        assertThrows(NoSuchKeyException.class, () -> object(server.bucket(), "originals/41"));
        assertThrows(NoSuchFileException.class, () -> b.open(41).close());
        a.close();
        b.close();
    }

    @Test
    void a_missing_bucket_is_created() throws IOException {
        String bucket = "docqa-new-" + System.nanoTime();
        assertThrows(Exception.class, () -> s3.headBucket(b -> b.bucket(bucket)));
        S3OriginalsStore store = store(bucket, MIB);
        s3.headBucket(b -> b.bucket(bucket)); // exists now
        store.keep(store.stage(new ByteArrayInputStream(bytes(10, 2))), 1);
        assertTrue(store.exists(1));
        store.close();
    }

    @Test
    void a_large_file_goes_up_in_parts_from_disk_and_comes_back_whole() throws Exception {
        S3OriginalsStore a = store(server.bucket(), 100 * MIB);
        S3OriginalsStore b = store(server.bucket(), 100 * MIB);
        Path big = Files.createTempFile("docqa-big", ".bin");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 5; i++) { // 5 MiB and a bit: two parts
                byte[] chunk = bytes((int) MIB, 100 + i);
                sha.update(chunk);
                out.write(chunk);
            }
            byte[] tail = bytes(1000, 99);
            sha.update(tail);
            out.write(tail);
        }
        Staged staged;
        try (InputStream in = Files.newInputStream(big)) {
            staged = a.stage(in);
        }
        assertEquals(HexFormat.of().formatHex(sha.digest()), staged.sha256());
        a.keep(staged, 77);
        long stored = s3.headObject(h -> h.bucket(server.bucket()).key("originals/77")).contentLength();
        assertEquals(5 * MIB + 1000, stored);
        try (LocalOriginal local = b.open(77)) {
            assertEquals(-1, Files.mismatch(big, local.path()));
        }
        Files.delete(big);
        a.close();
        b.close();
    }

    @Test
    void the_read_cache_keeps_to_its_bound_but_never_drops_a_file_being_read() throws IOException {
        S3OriginalsStore writer = store(server.bucket(), 100 * MIB);
        for (long id = 100; id < 105; id++) {
            writer.keep(writer.stage(new ByteArrayInputStream(bytes(1000, id))), id);
        }
        Path dir = Files.createTempDirectory("docqa-store");
        Path cacheDir = dir.resolve("cache");
        S3OriginalsStore reader = new S3OriginalsStore(server.client(), server.endpoint(), server.bucket(),
                "originals/", dir.resolve("incoming"), cacheDir, 2500, 5 * MIB, 5 * MIB);
        try (LocalOriginal held = reader.open(100)) {
            for (long id = 101; id < 105; id++) {
                try (LocalOriginal local = reader.open(id)) {
                    assertArrayEquals(bytes(1000, id), Files.readAllBytes(local.path()));
                }
                assertTrue(reader.cachedBytes() <= 2500, reader.cachedBytes() + " bytes cached");
            }
            assertArrayEquals(bytes(1000, 100), Files.readAllBytes(held.path()), "the file being read stays");
        }
        assertTrue(reader.cachedBytes() <= 2500);
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertEquals(2, files.filter(Files::isRegularFile).count());
        }
        try (LocalOriginal again = reader.open(100)) { // evicted or not, it is read again
            assertArrayEquals(bytes(1000, 100), Files.readAllBytes(again.path()));
        }
        writer.close();
        reader.close();
    }

    @Test
    void a_store_that_is_down_refuses_clearly_and_keeps_nothing() throws IOException {
        S3OriginalsStore a = store(server.bucket(), 100 * MIB);
        S3OriginalsStore b = store(server.bucket(), 100 * MIB);
        a.keep(a.stage(new ByteArrayInputStream(bytes(100, 5))), 500);
        server.stopServer();
        try {
            Staged staged = a.stage(new ByteArrayInputStream(bytes(100, 6)));
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> a.keep(staged, 501));
            assertTrue(refused.getMessage().contains(server.endpoint()), refused.getMessage());
            assertTrue(refused.getMessage().contains("could not be reached"), refused.getMessage());
            assertThrows(StoreUnavailableException.class, () -> b.open(500));
        } finally {
            server.startServer();
        }
        assertFalse(a.exists(501));
        try (LocalOriginal back = b.open(500)) {
            assertArrayEquals(bytes(100, 5), Files.readAllBytes(back.path()));
        }
        a.close();
        b.close();
    }
}
