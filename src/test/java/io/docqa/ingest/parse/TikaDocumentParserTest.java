package io.docqa.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.ingest.config.IngestConfig;
import io.docqa.testing.IngestConfigs;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Tika on committed fixtures. */
class TikaDocumentParserTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    static IngestConfig config(long maxFileBytes, int maxTextChars) {
        return IngestConfigs.of(maxFileBytes, maxTextChars);
    }

    private final TikaDocumentParser parser = new TikaDocumentParser(config(10_000_000, 1_000_000));

    @Test
    void a_pdf_keeps_its_pages_and_drops_nothing_of_the_text() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("service-agreement.pdf"), "service-agreement.pdf");
        assertEquals("application/pdf", doc.contentType());
        assertEquals(3, doc.pageCount());
        int termination = doc.text().indexOf("ninety (90) days");
        assertTrue(termination > 0);
        assertEquals(2, doc.pageAt(termination));
        assertEquals(3, doc.pageAt(doc.text().indexOf("forty-five (45) days")));
    }

    @Test
    void docx_headings_become_heading_blocks_with_levels() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("employee-handbook.docx"), "employee-handbook.docx");
        assertNull(doc.pageCount());
        List<String> headings = doc.blocks().stream().filter(Block::isHeading)
                .map(b -> b.level() + ":" + doc.text().substring(b.start(), b.end())).toList();
        assertTrue(headings.contains("1:Employee Handbook"), headings.toString());
        assertTrue(headings.contains("2:Vacation"), headings.toString());
    }

    @Test
    void html_headings_and_paragraphs_are_blocks() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("notes.html"), "notes.html");
        assertTrue(doc.blocks().stream().anyMatch(b -> b.isHeading() && doc.text().substring(b.start(), b.end()).equals("Parking")));
        assertTrue(doc.text().contains("lot C"));
    }

    @Test
    void html_definition_list_terms_are_term_blocks(@TempDir Path dir) throws Exception {
        List<String> blocks = htmlBlocks(dir, "set.html", "<html><body><h2>The Set Builtin</h2><dl><dt><code>-e</code></dt>"
                + "<dd><p>Exit immediately if a pipeline returns a non-zero status.</p></dd></dl></body></html>");
        assertEquals(List.of("HEADING:The Set Builtin", "TERM:-e",
                "PARAGRAPH:Exit immediately if a pipeline returns a non-zero status."), blocks);
    }

    @Test
    void a_table_of_contents_in_a_definition_list_stays_paragraphs(@TempDir Path dir) throws Exception {
        List<String> blocks = htmlBlocks(dir, "faq.html", "<html><body><h1>Chapter 7</h1><dl class=\"toc\"><dt><a href=\"#a\">7.1. Packages</a></dt>"
                + "<dd><dl><dt><a href=\"#b\">7.1.1. Names</a></dt></dl></dd></dl><dl><dt>-e</dt><dd>Exit.</dd></dl></body></html>");
        assertEquals(List.of("HEADING:Chapter 7", "PARAGRAPH:7.1. Packages", "PARAGRAPH:7.1.1. Names", "TERM:-e",
                "PARAGRAPH:Exit."), blocks);
    }

    /** The blocks the parser makes of an HTML page, each as KIND:text. */
    private List<String> htmlBlocks(Path dir, String name, String html) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, html);
        ParsedDocument doc = parser.parse(file, name);
        return doc.blocks().stream().map(b -> b.kind() + ":" + doc.text().substring(b.start(), b.end())).toList();
    }

    @Test
    void markdown_headings_and_paragraphs_are_recognised(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("guide.md");
        Files.writeString(md, "# Guide\n\nFirst paragraph\nwraps here.\n\n## Section two\n\nSecond paragraph.\n");
        ParsedDocument doc = parser.parse(md, "guide.md");
        List<String> blocks = doc.blocks().stream().map(b -> b.kind() + ":" + doc.text().substring(b.start(), b.end())).toList();
        assertEquals(List.of("HEADING:Guide", "PARAGRAPH:First paragraph wraps here.", "HEADING:Section two",
                "PARAGRAPH:Second paragraph."), blocks);
    }

    @Test
    void text_in_a_legacy_encoding_is_decoded(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("latin1.txt");
        Files.write(txt, "Les clients réguliers reçoivent une remise façon maison sur chaque commande passée à l'été."
                .getBytes(Charset.forName("ISO-8859-1")));
        ParsedDocument doc = parser.parse(txt, "latin1.txt");
        assertTrue(doc.text().contains("reçoivent une remise façon"), doc.text());
    }

    @Test
    void each_kind_of_unreadable_file_is_rejected_with_its_own_reason(@TempDir Path dir) throws Exception {
        assertReason(Reason.CORRUPT, FIXTURES.resolve("corrupt.pdf"), "corrupt.pdf");
        assertReason(Reason.ENCRYPTED, FIXTURES.resolve("encrypted.pdf"), "encrypted.pdf");
        assertReason(Reason.EMPTY_FILE, FIXTURES.resolve("empty.txt"), "empty.txt");
        assertReason(Reason.UNSUPPORTED_TYPE, FIXTURES.resolve("program.pdf"), "program.pdf");
        Path random = dir.resolve("random.txt");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(random, bytes);
        assertReason(Reason.UNSUPPORTED_TYPE, random, "random.txt");
        Path textAsPdf = dir.resolve("letter.pdf");
        Files.writeString(textAsPdf, "Dear customer, this is a plain letter and not a PDF at all.");
        DocumentRejectedException mismatch = assertReason(Reason.TYPE_MISMATCH, textAsPdf, "letter.pdf");
        assertTrue(mismatch.getMessage().contains("named .pdf"), mismatch.getMessage());
    }

    @Test
    void limits_on_size_and_text_are_enforced() throws Exception {
        TikaDocumentParser small = new TikaDocumentParser(config(1000, 1_000_000));
        DocumentRejectedException tooLarge = assertThrows(DocumentRejectedException.class,
                () -> small.parse(FIXTURES.resolve("service-agreement.pdf"), "service-agreement.pdf"));
        assertEquals(Reason.TOO_LARGE, tooLarge.reason());
        TikaDocumentParser fewChars = new TikaDocumentParser(config(10_000_000, 100));
        assertEquals(Reason.TOO_MUCH_TEXT, assertThrows(DocumentRejectedException.class,
                () -> fewChars.parse(FIXTURES.resolve("service-agreement.pdf"), "service-agreement.pdf")).reason());
    }

    private DocumentRejectedException assertReason(Reason expected, Path file, String name) {
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> parser.parse(file, name));
        assertEquals(expected, e.reason(), e.getMessage());
        return e;
    }
}
