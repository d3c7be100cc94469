package io.docqa.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Originals on the local disk, {@code DOCQA_CORPUS_DATA_DIR/originals/<document id>}, uploads staged in
 * {@code originals/incoming}: the embedded default, for one instance.
 */
public class FilesystemOriginalsStore implements OriginalsStore {

    private final Path dir;
    private final Staging staging;

    public FilesystemOriginalsStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.staging = new Staging(dir.resolve("incoming"));
    }

    @Override
    public Staged stage(InputStream in) throws IOException {
        return staging.stage(in);
    }

    @Override
    public void keep(Staged staged, long documentId) throws IOException {
        Files.move(staged.file(), pathOf(documentId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void discard(Staged staged) {
        Staging.discard(staged);
    }

    /** A hard link where the file system allows it, else a copy. */
    @Override
    public void copy(long from, long to) throws IOException {
        Path target = pathOf(to);
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, pathOf(from));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(pathOf(from), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public boolean exists(long documentId) {
        return Files.isRegularFile(pathOf(documentId));
    }

    /** The kept file itself (the parser reports a missing one as unreadable, as it always did). */
    @Override
    public LocalOriginal open(long documentId) {
        Path file = pathOf(documentId);
        return new LocalOriginal() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public void close() {
                // the kept file stays
            }
        };
    }

    @Override
    public void delete(long documentId) throws IOException {
        Files.deleteIfExists(pathOf(documentId));
    }

    @Override
    public String describe() {
        return dir.toAbsolutePath().toString();
    }

    private Path pathOf(long documentId) {
        return dir.resolve(Long.toString(documentId));
    }
}
