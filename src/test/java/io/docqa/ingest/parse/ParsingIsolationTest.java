package io.docqa.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import io.docqa.testing.HostileFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files against real parser processes: a PDF that needs unbounded memory, one that keeps the parser busy
 * for minutes, and a parser process killed from outside. The server (this JVM) stays unharmed each time.
 */
class ParsingIsolationTest {

    private static final Path FORMATS = Path.of("src/test/resources/fixtures/formats");
    /** Small enough that the glyph flood exhausts it within seconds. */
    private static final String HEAP = "160m";

    private static final TikaDocumentParser parser = IsolatedParsers.isolated(100_000_000, 20_000_000, HEAP);

    @TempDir
    static Path dir;

    @AfterAll
    static void stop() {
        parser.stop();
    }

    @Test
    void a_pdf_that_needs_more_memory_than_its_parser_process_has_fails_with_the_memory_reason_and_the_next_one_parses()
            throws Exception {
        Path flood = HostileFiles.pdfGlyphFlood(dir, 4_000_000);
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> parser.parse(flood, "flood.pdf"));
        assertEquals(Reason.OUT_OF_MEMORY, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("ran out of memory") && e.getMessage().contains(HEAP), e.getMessage());
        assertTrue(parser.parse(FORMATS.resolve("onboarding.md"), "onboarding.md").text().contains("floor four"));
    }

    @Test
    void a_pdf_that_parses_longer_than_the_timeout_fails_and_leaves_no_thread_or_process_working() throws Exception {
        Path pages = HostileFiles.pdfPageFlood(dir, 2000, 20_000);
        ParseOptions twoSeconds = new ParseOptions(false, "eng", 100_000_000, Duration.ofSeconds(2));
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class,
                () -> parser.parse(pages, "pages.pdf", twoSeconds));
        assertEquals(Reason.TIMED_OUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("took longer than 2 s"), e.getMessage());
        // the process that spun is gone, and no thread of the server is still reading the PDF
        assertEquals(List.of(), parser.parserProcesses());
        assertEquals(List.of(), threadsReadingPdfs());
        assertTrue(parser.parse(FORMATS.resolve("onboarding.md"), "onboarding.md").text().contains("floor four"));
    }

    @Test
    void a_parser_process_killed_while_reading_fails_its_document_as_crashed_and_is_replaced() throws Exception {
        Path pages = HostileFiles.pdfPageFlood(dir, 2000, 20_000);
        ParseOptions long_ = new ParseOptions(false, "eng", 100_000_000, Duration.ofSeconds(300));
        CompletableFuture<ParsedDocument> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return parser.parse(pages, "pages.pdf", long_);
            } catch (DocumentRejectedException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        ProcessHandle child = busyParserProcess();
        new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start().waitFor();
        ExecutionException e = assertThrows(ExecutionException.class, reading::get);
        DocumentRejectedException rejected = (DocumentRejectedException) e.getCause();
        assertEquals(Reason.PARSER_CRASHED, rejected.reason(), rejected.getMessage());
        assertTrue(rejected.getMessage().contains("crashed or was killed"), rejected.getMessage());
        assertTrue(parser.parse(FORMATS.resolve("onboarding.md"), "onboarding.md").text().contains("floor four"));
        List<ProcessHandle> now = parser.parserProcesses();
        assertEquals(1, now.size());
        assertNotEquals(child.pid(), now.get(0).pid());
    }

    /** The parser process, once it has been reading for a while (its CPU time counts, not the clock). */
    private static ProcessHandle busyParserProcess() throws InterruptedException {
        while (true) {
            List<ProcessHandle> running = parser.parserProcesses();
            for (ProcessHandle p : running) {
                if (p.info().totalCpuDuration().orElse(Duration.ZERO).compareTo(Duration.ofSeconds(4)) > 0) {
                    return p;
                }
            }
            Thread.sleep(100);
        }
    }

    private static List<String> threadsReadingPdfs() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(t -> Arrays.stream(t.getValue()).anyMatch(f -> f.getClassName().startsWith("org.apache.pdfbox")))
                .map(Map.Entry::getKey).map(Thread::getName).toList();
    }

    @Test
    void parser_process_options_that_are_no_jvm_options_or_would_lift_the_heap_cap_are_refused() {
        for (String option : List.of("-Xmx8g", "-XX:MaxHeapSize=8g", "io.docqa.Main")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ParserProcesses("160m", List.of(option), 1, 1000, 1000));
            assertTrue(e.getMessage().contains("docqa.ingest.parse.jvm-options") && e.getMessage().contains(option),
                    e.getMessage());
        }
    }

    @Test
    void parsing_in_a_process_keeps_pages_metadata_and_warnings() throws Exception {
        ParsedDocument pdf = parser.parse(Path.of("src/test/resources/fixtures/service-agreement.pdf"), "service-agreement.pdf");
        assertEquals(3, pdf.pageCount());
        assertEquals(2, pdf.pageAt(pdf.text().indexOf("ninety (90) days")));
        assertFalse(pdf.blocks().isEmpty());
    }
}
