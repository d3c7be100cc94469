package io.docqa.bench;

import io.docqa.fixtures.FormatFixtureGenerator;
import io.docqa.ingest.chunk.ClauseChunker;
import io.docqa.ingest.chunk.StructureChunker;
import io.docqa.ingest.parse.ParseOptions;
import io.docqa.ingest.parse.ParsedDocument;
import io.docqa.ingest.parse.TikaDocumentParser;
import io.docqa.testing.IngestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parse + chunk cost per format on the committed fixtures: milliseconds per document (median of
 * {@code rounds} after one warm-up), extracted characters and chunks, and the cost of OCR on the scanned page;
 * then the same inside the benchmark JVM and in a parser process (the server's default,
 * {@code docqa.ingest.parse.isolation=process}), side by side. Prints Markdown tables.
 * Usage: scripts/bench.sh formats [rounds]
 */
public final class FormatParseBenchmark {

    private FormatParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path fixtures = Path.of("src/test/resources/fixtures");
        TikaDocumentParser parser = new TikaDocumentParser(IngestConfigs.of(100L << 20, 20_000_000));
        StructureChunker structure = new StructureChunker(1200, 200);
        ClauseChunker clauses = new ClauseChunker(1500, 0);
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(fixtures.resolve("formats"))) {
            s.filter(f -> !f.getFileName().toString().equals("protected.docx")).sorted().forEach(files::add);
        }
        files.add(fixtures.resolve("service-agreement.pdf"));
        files.add(fixtures.resolve("supply-contract.pdf"));
        System.out.printf(Locale.ROOT, "Tesseract installed: %s; rounds: %d; %s%n%n", parser.ocrAvailable(), rounds,
                FormatFixtureGenerator.class.getSimpleName() + " fixtures");
        System.out.println("| file | bytes | chars | blocks | chunks | parse+chunk ms (median) | MB/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Path f : files) {
            row(parser, f, f.getFileName().toString().equals("supply-contract.pdf") ? clauses : structure, rounds, null);
        }
        row(parser, fixtures.resolve("formats/scanned-memo.pdf"), structure, Math.max(1, rounds / 5),
                new ParseOptions(false, "eng", 100L << 20, Duration.ofSeconds(60)));
        isolationCost(parser, files, rounds);
        System.exit(0);
    }

    /** Parse only (no chunking), per file: in this JVM vs in one warm parser process of 512 MB. */
    private static void isolationCost(TikaDocumentParser inProcess, List<Path> files, int rounds) throws Exception {
        TikaDocumentParser isolated = new TikaDocumentParser(IngestConfigs.of(100L << 20, 20_000_000),
                new io.docqa.ingest.parse.ParseConfig() {
                    public Isolation isolation() { return Isolation.PROCESS; }
                    public String heap() { return "512m"; }
                    public java.util.OptionalInt processes() { return java.util.OptionalInt.of(1); }
                    // the server's default; -Ddocqa.bench.parser-jvm-options=-XX:TieredStopAtLevel=4 compares C2
                    public List<String> jvmOptions() {
                        return List.of(System.getProperty("docqa.bench.parser-jvm-options", "-XX:TieredStopAtLevel=1").split(","));
                    }
                });
        long t0 = System.nanoTime();
        isolated.parse(files.get(0), files.get(0).getFileName().toString());
        double startMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "%nParsing in a parser process: the first document, which starts the process,"
                + " took %.0f ms.%n%n", startMs);
        System.out.println("| file | in-process ms (median) | parser process ms (median) | extra ms per document |");
        System.out.println("|---|---:|---:|---:|");
        double inTotal = 0;
        double outTotal = 0;
        for (Path f : files) {
            double in = medianParseMs(inProcess, f, rounds);
            double out = medianParseMs(isolated, f, rounds);
            inTotal += in;
            outTotal += out;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f |%n", f.getFileName(), in, out, out - in);
        }
        System.out.printf(Locale.ROOT, "| **all %d files** | %.1f | %.1f | %+.1f (%+.1f per file) |%n", files.size(),
                inTotal, outTotal, outTotal - inTotal, (outTotal - inTotal) / files.size());
    }

    private static double medianParseMs(TikaDocumentParser parser, Path f, int rounds) {
        long[] nanos = new long[rounds];
        for (int r = -1; r < rounds; r++) {
            long t0 = System.nanoTime();
            try {
                parser.parse(f, f.getFileName().toString());
            } catch (io.docqa.ingest.parse.DocumentRejectedException e) {
                // timed like the rest: a refused file costs its checks
            }
            if (r >= 0) {
                nanos[r] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(nanos);
        return nanos[rounds / 2] / 1e6;
    }

    private static void row(TikaDocumentParser parser, Path f, io.docqa.ingest.chunk.Chunker chunker, int rounds,
            ParseOptions options) throws Exception {
        String name = f.getFileName().toString();
        long[] nanos = new long[rounds];
        ParsedDocument doc = null;
        int chunks = 0;
        String note = "";
        for (int r = -1; r < rounds; r++) {
            long t0 = System.nanoTime();
            try {
                doc = options == null ? parser.parse(f, name) : parser.parse(f, name, options);
                chunks = chunker.chunk(doc).size();
            } catch (io.docqa.ingest.parse.DocumentRejectedException e) {
                note = " (" + e.reason() + ")";
            }
            if (r >= 0) {
                nanos[r] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(nanos);
        double ms = nanos[rounds / 2] / 1e6;
        long bytes = Files.size(f);
        System.out.printf(Locale.ROOT, "| %s%s | %d | %d | %d | %d | %.1f | %.2f |%n", name,
                options != null ? " (OCR off)" + note : note, bytes, doc == null ? 0 : doc.text().length(),
                doc == null ? 0 : doc.blocks().size(), chunks, ms, bytes / 1048576.0 / (ms / 1000));
    }
}
