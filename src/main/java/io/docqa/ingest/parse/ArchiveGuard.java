package io.docqa.ingest.parse;

import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Looks into ZIP containers (archives, and the Office and OpenDocument formats that are ZIPs inside) before
 * they are parsed: a member that expands more than {@link #MAX_RATIO} times its compressed size beyond
 * {@link #MIN_SUSPICIOUS_BYTES}, a total expansion beyond {@link #MAX_TOTAL_BYTES}, or archives nested deeper
 * than {@link #MAX_NESTING} are refused as zip bombs. Only the central directory and nested archives are read;
 * sizes an archive lies about are still bounded later by the text limit while parsing.
 */
final class ArchiveGuard {

    static final long MAX_RATIO = 100;
    static final long MIN_SUSPICIOUS_BYTES = 10L << 20;
    static final long MAX_TOTAL_BYTES = 2L << 30;
    static final int MAX_NESTING = 5;
    /** Nested archives larger than this are not opened here (the parser's limits still apply to them). */
    private static final long MAX_NESTED_READ = 32L << 20;

    private ArchiveGuard() {
    }

    static void check(Path file) throws DocumentRejectedException {
        if (!isZip(file)) {
            return;
        }
        long total = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                total += checkEntry(entry);
                if (total > MAX_TOTAL_BYTES) {
                    throw bomb("it expands to more than " + (MAX_TOTAL_BYTES >> 30) + " GB");
                }
                if (isArchiveName(entry.getName()) && entry.getSize() <= MAX_NESTED_READ) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        checkNested(in, 2);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a readable ZIP after all: the parser reports what is wrong with it
        }
    }

    private static long checkEntry(ZipEntry entry) throws DocumentRejectedException {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size > MIN_SUSPICIOUS_BYTES && compressed > 0 && size / compressed > MAX_RATIO) {
            throw bomb("the member \"" + entry.getName() + "\" expands " + (size / compressed) + " times");
        }
        return Math.max(0, size);
    }

    private static void checkNested(InputStream in, int depth) throws IOException, DocumentRejectedException {
        if (depth > MAX_NESTING) {
            throw bomb("it holds archives nested more than " + MAX_NESTING + " levels deep");
        }
        byte[] bytes = in.readNBytes((int) MAX_NESTED_READ);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (isArchiveName(entry.getName())) {
                    checkNested(zip, depth + 1);
                }
            }
        }
    }

    private static boolean isArchiveName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".jar");
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private static DocumentRejectedException bomb(String why) {
        return new DocumentRejectedException(Reason.ARCHIVE_BOMB, "The archive was not unpacked because " + why
                + " (a \"zip bomb\"). Unpack it yourself and upload the documents inside.");
    }
}
