package io.docqa.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docqa.fixtures.FormatFixtureGenerator;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import io.docqa.testing.HostileFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Tika (and Tesseract when installed) on the committed format fixtures and on generated bad input, parsed as the
 * server parses them by default: in a parser process.
 */
class FormatParsingTest {

    private static final Path FORMATS = Path.of("src/test/resources/fixtures/formats");

    private final TikaDocumentParser parser = IsolatedParsers.shared();

    static List<String> textFixtures() {
        return FormatFixtureGenerator.FACTS.keySet().stream().filter(f -> !f.equals("scanned-memo.pdf")).toList();
    }

    @ParameterizedTest
    @MethodSource("textFixtures")
    void each_format_yields_the_fact_it_holds(String fixture) throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve(fixture), fixture);
        String fact = FormatFixtureGenerator.FACTS.get(fixture);
        assertTrue(doc.text().contains(fact), fixture + " lacks \"" + fact + "\": " + doc.text());
        for (Block b : doc.blocks()) {
            assertTrue(b.start() >= 0 && b.end() <= doc.text().length() && b.start() < b.end());
        }
    }

    @Test
    void a_deck_of_more_than_ten_thousand_internal_parts_is_read_not_called_malicious(@TempDir Path dir) throws Exception {
        Path deck = dir.resolve("training.pptx");
        try (org.apache.poi.xslf.usermodel.XMLSlideShow show = new org.apache.poi.xslf.usermodel.XMLSlideShow();
                java.io.OutputStream out = java.nio.file.Files.newOutputStream(deck)) {
            for (int i = 1; i <= 6000; i++) { // a slide and its relations: two parts each
                show.createSlide().createTextBox().setText("Slide " + i + " of the onboarding training.");
            }
            show.write(out);
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(deck.toFile())) {
            assertTrue(zip.size() > 12000, "more parts than POI accepts by default: " + zip.size());
        }
        // what counts here is POI's part limit, not speed: a generous timeout for shared, loaded CI machines
        ParsedDocument doc = parser.parse(deck, "training.pptx",
                new ParseOptions(true, "eng", 100_000_000, Duration.ofMinutes(30)));
        assertTrue(doc.text().contains("Slide 6000 of the onboarding training."), "the last slide is read");
    }

    @Test
    void legacy_word_and_outlook_files_are_read() throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve("legacy.doc"), "legacy.doc");
        assertEquals("application/msword", doc.contentType());
        assertTrue(doc.text().contains("test"), doc.text());
        ParsedDocument msg = parser.parse(FORMATS.resolve("outlook.msg"), "outlook.msg");
        assertEquals("application/vnd.ms-outlook", msg.contentType());
        assertTrue(msg.text().contains("MIME registry use cases"), msg.text());
        assertTrue(msg.text().contains("making the type detection code more"), msg.text());
    }

    @Test
    void zip_members_become_sections_headed_by_their_names() throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve("bundle.zip"), "bundle.zip");
        List<String> headings = headings(doc);
        assertTrue(headings.contains("1:bundle/employee-handbook.docx"), headings.toString());
        assertTrue(headings.contains("1:bundle/travel-policy.odt"), headings.toString());
        assertTrue(headings.contains("3:Vacation"), "a member's own headings sit below its name: " + headings);
        assertTrue(doc.text().contains("twenty-five (25) days of paid vacation"));
        assertTrue(doc.text().contains("Economy class is required"));
    }

    @Test
    void email_attachments_become_sections_headed_by_their_file_names() throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve("incident-report.eml"), "incident-report.eml");
        List<String> headings = headings(doc);
        assertTrue(headings.contains("1:root-cause.txt"), headings.toString());
        assertTrue(headings.contains("1:follow-up.html"), headings.toString());
        int rootCause = doc.text().indexOf("expired TLS certificate");
        int heading = doc.text().indexOf("root-cause.txt");
        assertTrue(heading >= 0 && heading < rootCause);
    }

    @Test
    void a_scanned_pdf_is_read_by_ocr_when_tesseract_is_installed() throws Exception {
        assumeTrue(parser.ocrAvailable(), "Tesseract is not installed (scripts/test.sh installs it)");
        ParsedDocument doc = parser.parse(FORMATS.resolve("scanned-memo.pdf"), "scanned-memo.pdf");
        assertEquals(1, doc.pageCount());
        assertTrue(doc.text().contains("Rotterdam"), doc.text());
        assertTrue(doc.text().contains("closes at six"), doc.text());
    }

    @Test
    void a_scanned_pdf_without_ocr_needs_ocr_instead_of_being_silently_empty() {
        ParseOptions noOcr = new ParseOptions(false, "eng", 100_000_000, Duration.ofSeconds(60));
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class,
                () -> parser.parse(FORMATS.resolve("scanned-memo.pdf"), "scanned-memo.pdf", noOcr));
        assertEquals(Reason.NEEDS_OCR, e.reason());
        assertTrue(e.getMessage().contains("needs OCR") && e.getMessage().contains("switched off"), e.getMessage());
    }

    @Test
    void a_password_protected_docx_is_refused_as_encrypted() {
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class,
                () -> parser.parse(FORMATS.resolve("protected.docx"), "protected.docx"));
        assertEquals(Reason.ENCRYPTED, e.reason());
        assertTrue(e.getMessage().contains("password"));
    }

    @Test
    void a_zip_bomb_is_refused_without_unpacking_it(@TempDir Path dir) throws Exception {
        Path bomb = HostileFiles.zipBomb(dir);
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> parser.parse(bomb, "bomb.zip"));
        assertEquals(Reason.ARCHIVE_BOMB, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void archives_nested_too_deeply_are_refused(@TempDir Path dir) throws Exception {
        Path nested = HostileFiles.nestedZip(dir, 12);
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> parser.parse(nested, "nested.zip"));
        assertEquals(Reason.ARCHIVE_BOMB, e.reason(), e.getMessage());
    }

    @Test
    void a_shallow_nested_archive_is_read(@TempDir Path dir) throws Exception {
        Path nested = HostileFiles.nestedZip(dir, 2);
        ParsedDocument doc = parser.parse(nested, "nested.zip");
        assertTrue(doc.text().contains("The innermost archive holds this sentence."), doc.text());
    }

    @Test
    void random_binary_named_as_a_document_is_refused(@TempDir Path dir) throws Exception {
        Path random = HostileFiles.randomBinary(dir, "report.docx", 64 * 1024);
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> parser.parse(random, "report.docx"));
        assertTrue(e.reason() == Reason.UNSUPPORTED_TYPE || e.reason() == Reason.TYPE_MISMATCH, e.reason() + ": " + e.getMessage());
    }

    @Test
    void text_with_invalid_encoding_keeps_its_readable_words(@TempDir Path dir) throws Exception {
        Path broken = HostileFiles.invalidEncoding(dir);
        ParsedDocument doc = parser.parse(broken, "broken-encoding.txt");
        assertTrue(doc.text().contains("The canteen serves soup on Thursdays."), doc.text());
    }

    @Test
    void a_50_mb_single_line_text_file_ends_with_the_text_limit_not_with_memory_exhaustion(@TempDir Path dir) throws Exception {
        Path line = HostileFiles.singleLine(dir, 50);
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> parser.parse(line, "one-line.txt"));
        assertEquals(Reason.TOO_MUCH_TEXT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("20000000 characters"), e.getMessage());
    }

    @Test
    void a_pipeline_size_limit_below_the_servers_applies() {
        ParseOptions small = new ParseOptions(true, "eng", 1000, Duration.ofSeconds(60));
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class,
                () -> parser.parse(FORMATS.resolve("quarterly-report.pptx"), "quarterly-report.pptx", small));
        assertEquals(Reason.TOO_LARGE, e.reason());
    }

    @Test
    void a_document_that_parses_longer_than_the_pipeline_timeout_fails_and_frees_the_worker() throws Exception {
        // inside the server (docqa.ingest.parse.isolation=in-process); in a parser process see ParsingIsolationTest
        TikaDocumentParser parser = new TikaDocumentParser(io.docqa.testing.IngestConfigs.of(100_000_000, 20_000_000));
        ParseOptions instant = new ParseOptions(true, "eng", 100_000_000, Duration.ofMillis(1));
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class,
                () -> parser.parse(FORMATS.resolve("quarterly-report.pptx"), "quarterly-report.pptx", instant));
        assertEquals(Reason.TIMED_OUT, e.reason());
        assertTrue(e.getMessage().contains("took longer than 1 ms"), e.getMessage());
        // the parser is usable right after
        assertTrue(parser.parse(FORMATS.resolve("onboarding.md"), "onboarding.md").text().contains("floor four"));
    }

    private static List<String> headings(ParsedDocument doc) {
        return doc.blocks().stream().filter(Block::isHeading)
                .map(b -> b.level() + ":" + doc.text().substring(b.start(), b.end())).toList();
    }

    static Map<String, String> facts() {
        return FormatFixtureGenerator.FACTS;
    }
}
