package io.docqa.storage;

import io.docqa.storage.OriginalsStore.Staged;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Staging of uploads in a local directory, shared by both stores. */
final class Staging {

    private final Path dir;

    Staging(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    Staged stage(InputStream in) throws IOException {
        Path tmp = Files.createTempFile(dir, "upload-", ".bin");
        MessageDigest sha = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
            long size = in.transferTo(out);
            return new Staged(tmp, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    static void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
