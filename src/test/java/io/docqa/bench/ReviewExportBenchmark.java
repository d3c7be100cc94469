package io.docqa.bench;

import io.docqa.review.Cell;
import io.docqa.review.CellState;
import io.docqa.review.ReviewExporter;
import io.docqa.review.ReviewRowData;
import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.CellQuote;
import io.docqa.review.cell.CellStatus;
import io.docqa.review.cell.ReviewColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Memory and time of a review export: {@code rows} documents × {@code columns} questions (default 10,000 × 20), each
 * cell with a value, a 300-character quote and a page, as {@link ReviewExporter} writes them (XLSX with POI's
 * streaming workbook, then CSV) to a byte counter. Rows are generated a page at a time like the database pages them,
 * so the figures are the exporter's own. Prints the peak heap (all heap pools, garbage included: an upper bound),
 * the time and the size. Run under the heap to prove (scripts/bench.sh runs it with -Xmx1g).
 * Usage: scripts/bench.sh review-export [rows] [columns]
 */
public final class ReviewExportBenchmark {

    private ReviewExportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<ReviewColumn> cols = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            cols.add(new ReviewColumn("column-" + c, "Column " + c, "Question " + c + "?", AnswerType.CLAUSE, null));
        }
        ReviewExporter.Rows source = (offset, limit) -> page(offset, Math.min(limit, rows - offset), cols);
        ReviewExporter.Source review = new ReviewExporter.Source(1, "Benchmark", cols, "https://docqa.example.com",
                source);
        ReviewExporter exporter = new ReviewExporter();
        System.out.printf(Locale.ROOT, "%d rows × %d columns, max heap %d MiB, %d cores%n%n", rows, columns,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        System.out.println("| format | seconds | output MiB | peak heap MiB |");
        System.out.println("|---|---:|---:|---:|");
        measure("xlsx", () -> {
            Counter out = new Counter();
            exporter.xlsx(review, out);
            return out.bytes;
        });
        measure("csv", () -> {
            Counter out = new Counter();
            exporter.csv(review, out);
            return out.bytes;
        });
    }

    interface Export {
        long run() throws IOException;
    }

    private static void measure(String format, Export export) throws IOException {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long bytes = export.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %d |%n", format, seconds, bytes / 1048576.0, peak >> 20);
    }

    private static List<ReviewRowData> page(int offset, int size, List<ReviewColumn> columns) {
        List<ReviewRowData> out = new ArrayList<>();
        Random random = new Random(offset); // seeded: the same table every run
        for (int r = offset; r < offset + Math.max(0, size); r++) {
            List<Cell> cells = new ArrayList<>();
            for (ReviewColumn c : columns) {
                CellStatus status = CellStatus.values()[random.nextInt(4)];
                String quote = "The Supplier shall, within thirty (30) days of the Effective Date, deliver to the"
                        + " Customer a written plan describing " + c.name() + " obligations for document " + r
                        + ", including the notice period, the liability cap and the governing law applicable to"
                        + " each party under this Agreement and its Schedules " + random.nextInt(1000) + ".";
                Cell.Mark none = new Cell.Mark(null, null);
                cells.add(new Cell(1, r, c.key(), CellState.DONE, 1, Instant.EPOCH, Instant.EPOCH, status,
                        "Value " + random.nextInt(100_000) + " of " + c.name(), null, 0.8,
                        List.of(new CellQuote(r * 100L, 10, 10 + quote.length(), 1 + random.nextInt(40), quote)),
                        null, none, null, none, none, none, null, none, null, null));
            }
            out.add(new ReviewRowData(r, "document-" + r + ".pdf", false, cells));
        }
        return out;
    }

    private static final class Counter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
