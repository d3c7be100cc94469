package io.docqa.ingest;

import io.docqa.corpus.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Uploaded files as they were received, under {@code DOCQA_DATA_DIR/originals}, so a document can be re-ingested. */
@ApplicationScoped
public class OriginalsStore {

    private final Path dir;

    public OriginalsStore(StorageConfig config) throws IOException {
        this.dir = config.originalsDir();
        Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("incoming"));
    }

    /** A staged upload: its bytes in a temporary file inside the store, and their SHA-256. */
    public record Staged(Path file, long size, String sha256) {
    }

    /** Copies an upload into the store while hashing it; the stream is read once and never held in memory. */
    public Staged stage(InputStream in) throws IOException {
        Path tmp = Files.createTempFile(dir.resolve("incoming"), "upload-", ".bin");
        MessageDigest sha = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
            long size = in.transferTo(out);
            return new Staged(tmp, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Moves a staged upload to its document's place. */
    public void keep(Staged staged, long documentId) throws IOException {
        Files.move(staged.file(), pathOf(documentId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    /** Gives document {@code to} the same original as {@code from} (a hard link where the file system allows it). */
    public void copy(long from, long to) throws IOException {
        Path target = pathOf(to);
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, pathOf(from));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(pathOf(from), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Path pathOf(long documentId) {
        return dir.resolve(Long.toString(documentId));
    }

    public void delete(long documentId) throws IOException {
        Files.deleteIfExists(pathOf(documentId));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
