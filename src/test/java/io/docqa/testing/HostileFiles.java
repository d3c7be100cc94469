package io.docqa.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Bad input generated at test time (too big or too hostile to commit), deterministic. */
public final class HostileFiles {

    private HostileFiles() {
    }

    /** A ZIP of about 200 KB that expands to 200 MB of text. */
    public static Path zipBomb(Path dir) throws IOException {
        Path file = dir.resolve("bomb.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("readme.txt"));
            byte[] line = new byte[1 << 20];
            Arrays.fill(line, (byte) 'a');
            for (int i = 0; i < 200; i++) {
                zip.write(line);
            }
            zip.closeEntry();
        }
        return file;
    }

    /** A ZIP inside a ZIP … {@code depth} levels deep, with a small text file at the bottom. */
    public static Path nestedZip(Path dir, int depth) throws IOException {
        byte[] bytes = "The innermost archive holds this sentence.".getBytes(StandardCharsets.UTF_8);
        String name = "inner.txt";
        for (int level = 0; level < depth; level++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(bytes);
                zip.closeEntry();
            }
            bytes = out.toByteArray();
            name = "level-" + level + ".zip";
        }
        Path file = dir.resolve("nested.zip");
        Files.write(file, bytes);
        return file;
    }

    /** Seeded random bytes. */
    public static Path randomBinary(Path dir, String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Text whose bytes are not valid in any one encoding: UTF-8 broken by stray continuation bytes and NULs. */
    public static Path invalidEncoding(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            out.writeBytes("The canteen serves soup on Thursdays. ".getBytes(StandardCharsets.UTF_8));
            out.write(0xC3); // a UTF-8 lead byte without its continuation
            out.write(0x28);
            out.write(0xA0); // a lone continuation byte
        }
        Path file = dir.resolve("broken-encoding.txt");
        Files.write(file, out.toByteArray());
        return file;
    }

    /** A single line of {@code megabytes} MB of words, no line break. */
    public static Path singleLine(Path dir, int megabytes) throws IOException {
        Path file = dir.resolve("one-line.txt");
        byte[] words = "lorem ipsum dolor sit amet ".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long total = (long) megabytes << 20;
            for (long written = 0; written < total; written += words.length) {
                out.write(words);
            }
        }
        return file;
    }
}
