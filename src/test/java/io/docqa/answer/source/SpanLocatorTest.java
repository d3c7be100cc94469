package io.docqa.answer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Locating extracted text on a PDF page despite line breaks, hyphenation and small differences in wording. */
class SpanLocatorTest {

    private static PDDocument pdf(String... lines) throws IOException {
        PDDocument doc = new PDDocument();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
            float y = 700;
            for (String line : lines) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 11);
                s.newLineAtOffset(80, y);
                s.showText(line);
                s.endText();
                y -= 14;
            }
        }
        return doc;
    }

    @Test
    void a_word_hyphenated_at_a_line_end_is_found_and_boxed_on_both_lines() throws IOException {
        try (PDDocument doc = pdf("Either party may request the termi-", "nation of this agreement in writing.",
                "Nothing else applies.")) {
            List<PageHighlight> h = SpanLocator.locate(doc, 1, 1, "request the termi- nation of this agreement");
            assertEquals(1, h.size());
            assertEquals(2, h.getFirst().rects().size(), h.toString());
            PageHighlight.Rect first = h.getFirst().rects().get(0);
            PageHighlight.Rect second = h.getFirst().rects().get(1);
            assertTrue(second.y() > first.y(), "the second box is on the next line: " + h);
            assertEquals(80 / PDRectangle.A4.getWidth(), second.x(), 0.005, "the second line starts at the margin");
        }
    }

    @Test
    void a_span_with_a_changed_word_is_still_located() throws IOException {
        try (PDDocument doc = pdf("The supplier shall deliver the goods within thirty days of the order.")) {
            List<PageHighlight> h = SpanLocator.locate(doc, 1, 1,
                    "The supplier must deliver the goods within thirty days of the order.");
            assertEquals(1, h.size());
            assertEquals(80 / PDRectangle.A4.getWidth(), h.getFirst().rects().getFirst().x(), 0.005, h.toString());
        }
    }

    @Test
    void text_that_is_not_on_the_page_gets_no_boxes() throws IOException {
        try (PDDocument doc = pdf("The supplier shall deliver the goods within thirty days of the order.")) {
            assertEquals(List.of(), SpanLocator.locate(doc, 1, 1, "Vacation days may be carried over to the next year."));
        }
    }
}
