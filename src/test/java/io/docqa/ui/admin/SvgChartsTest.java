package io.docqa.ui.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The server-drawn charts of the Insights view are well-formed SVG whose shapes follow the data. */
class SvgChartsTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_day_chart_draws_one_column_per_day_with_data_and_stacks_the_not_found_part() throws Exception {
        LocalDate first = LocalDate.of(2026, 11, 1);
        String svg = SvgCharts.days(first, first.plusDays(9), Map.of(first, new SvgCharts.DayValue(4, 1),
                first.plusDays(5), new SvgCharts.DayValue(8, 0)), "questions", "not found");
        Document doc = parse(svg);
        long totals = count(doc, "bar-total");
        assertEquals(2, totals, "days without questions have no column");
        assertEquals(1, count(doc, "bar-part"));
        assertTrue(svg.contains(">8</text>"), "the y axis goes to the largest day");
        assertTrue(svg.contains("2026-11-06: 8 questions, 0 not found"), "each column tells its numbers");
    }

    @Test
    void text_from_users_cannot_add_markup_to_a_chart() throws Exception {
        String svg = SvgCharts.bars("<script>alert(1)</script>", List.of(new SvgCharts.Bar("a \"quoted\" & <b>bold</b>",
                2.5, "250 %")), 1);
        Document doc = parse(svg);
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        assertEquals(0, doc.getElementsByTagName("b").getLength());
        assertFalse(svg.contains("<script>"));
        String width = ((org.w3c.dom.Element) doc.getElementsByTagName("rect").item(1)).getAttribute("width");
        String track = ((org.w3c.dom.Element) doc.getElementsByTagName("rect").item(0)).getAttribute("width");
        assertEquals(Double.parseDouble(track), Double.parseDouble(width), 0.01, "a value above the scale fills the bar");
    }

    private static long count(Document doc, String className) {
        var rects = doc.getElementsByTagName("rect");
        long n = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            if (className.equals(((org.w3c.dom.Element) rects.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }
}
