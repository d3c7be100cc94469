package io.docqa.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real Tika on archives and e-mails with a part that cannot be read: the readable parts are kept and the
 * unreadable one is named in a warning.
 */
class EmbeddedDocumentWarningsTest {

    private static final Path FORMATS = Path.of("src/test/resources/fixtures/formats");

    private final TikaDocumentParser parser = IsolatedParsers.shared();

    @Test
    void a_corrupt_zip_member_is_skipped_and_named_in_a_warning_while_the_good_member_is_read() throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve("partly-corrupt.zip"), "partly-corrupt.zip");
        assertTrue(doc.text().contains("Fire extinguishers are inspected by the facilities team every ninety days"),
                doc.text());
        assertEquals(1, doc.warnings().size(), doc.warnings().toString());
        String warning = doc.warnings().get(0);
        assertTrue(warning.contains("mixed/statement.pdf") && warning.contains("skipped")
                && warning.contains("damaged"), warning);
    }

    @Test
    void a_corrupt_email_attachment_is_skipped_and_named_in_a_warning_while_the_body_is_read() throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve("corrupt-attachment.eml"), "corrupt-attachment.eml");
        assertTrue(doc.text().contains("Expense claims for January are reimbursed on the twentieth of February"),
                doc.text());
        assertEquals(1, doc.warnings().size(), doc.warnings().toString());
        assertTrue(doc.warnings().get(0).contains("statement.pdf") && doc.warnings().get(0).contains("skipped"),
                doc.warnings().toString());
    }

    @Test
    void readable_archives_and_emails_have_no_warnings() throws Exception {
        assertEquals(List.of(), parser.parse(FORMATS.resolve("bundle.zip"), "bundle.zip").warnings());
        assertEquals(List.of(), parser.parse(FORMATS.resolve("incident-report.eml"), "incident-report.eml").warnings());
    }

    @Test
    void markdown_inside_a_zip_is_read_as_markdown_with_its_headings() throws Exception {
        ParsedDocument doc = parser.parse(FORMATS.resolve("partly-corrupt.zip"), "partly-corrupt.zip");
        List<String> headings = headings(doc);
        assertTrue(headings.contains("1:mixed/checklist.md"), headings.toString());
        assertTrue(headings.contains("2:Office Checklist"), "'# ' sits below the member's name: " + headings);
        assertTrue(headings.contains("3:Fire Safety"), "'## ' one level deeper: " + headings);
        assertTrue(doc.text().contains("Fire Safety") && !doc.text().contains("## Fire Safety"), doc.text());

        ParsedDocument bundle = parser.parse(FORMATS.resolve("bundle.zip"), "bundle.zip");
        ParsedDocument alone = parser.parse(FORMATS.resolve("onboarding.md"), "onboarding.md");
        assertTrue(headings(alone).contains("2:Laptops"), headings(alone).toString());
        assertTrue(headings(bundle).contains("3:Laptops"), "as in a top-level upload, one level below the member name: "
                + headings(bundle));
    }

    private static List<String> headings(ParsedDocument doc) {
        return doc.blocks().stream().filter(b -> b.kind() == Block.Kind.HEADING)
                .map(b -> b.level() + ":" + doc.text().substring(b.start(), b.end())).toList();
    }
}
