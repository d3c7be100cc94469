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
 * {@code rounds} after one warm-up), extracted characters and chunks, and the cost of OCR on the scanned page.
 * Prints a Markdown table. Usage: scripts/bench.sh formats [rounds]
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
        System.exit(0);
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
