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

    /**
     * A PDF of one page whose compressed content stream (a few kilobytes) draws {@code glyphs} letters: the text
     * extractor keeps every letter of a page with its position until the page ends, so the file is small but needs
     * hundreds of bytes of heap per letter (millions of letters exhaust a few hundred megabytes).
     */
    public static Path pdfGlyphFlood(Path dir, int glyphs) throws IOException {
        return pdf(dir.resolve("glyph-flood.pdf"), 1, glyphs);
    }

    /**
     * A PDF of {@code pages} pages sharing one content stream of {@code glyphsPerPage} letters: little memory per
     * page, but reading all of it keeps a parser busy for minutes.
     */
    public static Path pdfPageFlood(Path dir, int pages, int glyphsPerPage) throws IOException {
        return pdf(dir.resolve("page-flood.pdf"), pages, glyphsPerPage);
    }

    private static Path pdf(Path file, int pages, int glyphsPerPage) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(content, deflater)) {
            z.write("BT /F1 0.5 Tf 10 780 Td 0.6 TL\n".getBytes(StandardCharsets.US_ASCII));
            byte[] run = ("(" + "abcdefghij".repeat(100) + ") Tj T*\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < glyphsPerPage; i += 1000) {
                z.write(run);
            }
            z.write("ET\n".getBytes(StandardCharsets.US_ASCII));
        }
        deflater.end();
        byte[] stream = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.List<Integer> offsets = new java.util.ArrayList<>();
        out.writeBytes("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        int firstPage = 5;
        StringBuilder kids = new StringBuilder();
        for (int p = 0; p < pages; p++) {
            kids.append(firstPage + p).append(" 0 R ");
        }
        java.util.function.BiConsumer<Integer, byte[]> object = (number, body) -> {
            offsets.add(out.size());
            out.writeBytes((number + " 0 obj\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            out.writeBytes("\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        };
        object.accept(1, "<< /Type /Catalog /Pages 2 0 R >>".getBytes(StandardCharsets.US_ASCII));
        object.accept(2, ("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>").getBytes(StandardCharsets.US_ASCII));
        object.accept(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream streamObject = new ByteArrayOutputStream();
        streamObject.writeBytes(("<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        streamObject.writeBytes(stream);
        streamObject.writeBytes("\nendstream".getBytes(StandardCharsets.US_ASCII));
        object.accept(4, streamObject.toByteArray());
        for (int p = 0; p < pages; p++) {
            object.accept(firstPage + p, ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font"
                    + " << /F1 3 0 R >> >> /Contents 4 0 R >>").getBytes(StandardCharsets.US_ASCII));
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        out.writeBytes(table.toString().getBytes(StandardCharsets.US_ASCII));
        Files.write(file, out.toByteArray());
        return file;
    }
}
