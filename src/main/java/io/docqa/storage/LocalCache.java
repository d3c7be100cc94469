package io.docqa.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Local copies of originals kept in an object store, bounded in bytes: the least recently used go first, except
 * those being read (pinned) by a parser or a page renderer. Emptied at start, so it never outlives what it mirrors.
 */
final class LocalCache {

    private static final class Entry {
        final long size;
        int pins;

        Entry(long size, int pins) {
            this.size = size;
            this.pins = pins;
        }
    }

    private final Path dir;
    private final Path downloads;
    private final long maxBytes;
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    LocalCache(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.downloads = dir.resolve("downloading");
        this.maxBytes = maxBytes;
        Files.createDirectories(downloads);
        empty(downloads);
        empty(dir);
    }

    /** A fresh path (not yet created) for a download, on the cache's file system. */
    Path downloadTarget() {
        return downloads.resolve(UUID.randomUUID() + ".part");
    }

    Path pathOf(long documentId) {
        return dir.resolve(Long.toString(documentId));
    }

    /** Pins the cached copy of {@code documentId} if there is one; false when it must be fetched. */
    synchronized boolean pin(long documentId) {
        Entry e = entries.get(documentId);
        if (e == null) {
            return false;
        }
        if (!Files.isRegularFile(pathOf(documentId))) { // removed behind our back: fetch it again
            entries.remove(documentId);
            bytes -= e.size;
            return false;
        }
        e.pins++;
        return true;
    }

    synchronized void unpin(long documentId) {
        Entry e = entries.get(documentId);
        if (e != null && e.pins > 0) {
            e.pins--;
        }
        evict();
    }

    /** Moves {@code file} into the cache as the copy of {@code documentId}, pinned once when {@code pin}. */
    synchronized void put(long documentId, Path file, boolean pin) throws IOException {
        long size = Files.size(file);
        Files.move(file, pathOf(documentId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Entry old = entries.remove(documentId);
        int pins = (old == null ? 0 : old.pins) + (pin ? 1 : 0);
        bytes += size - (old == null ? 0 : old.size);
        entries.put(documentId, new Entry(size, pins));
        evict();
    }

    synchronized void remove(long documentId) throws IOException {
        Entry e = entries.remove(documentId);
        if (e != null) {
            bytes -= e.size;
        }
        Files.deleteIfExists(pathOf(documentId));
    }

    /** Bytes held now (pinned copies may exceed the bound until they are released). */
    synchronized long bytes() {
        return bytes;
    }

    private void evict() {
        Iterator<Map.Entry<Long, Entry>> eldestFirst = entries.entrySet().iterator();
        while (bytes > maxBytes && eldestFirst.hasNext()) {
            Map.Entry<Long, Entry> e = eldestFirst.next();
            if (e.getValue().pins > 0) {
                continue;
            }
            try {
                Files.deleteIfExists(pathOf(e.getKey()));
            } catch (IOException ignored) {
                continue; // still there: keep counting it
            }
            bytes -= e.getValue().size;
            eldestFirst.remove();
        }
    }

    private static void empty(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }
}
