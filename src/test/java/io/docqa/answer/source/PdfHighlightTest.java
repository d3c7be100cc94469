package io.docqa.answer.source;

import static io.docqa.testing.Api.asAdmin;
import static io.docqa.testing.LeasePdf.CROSS_1;
import static io.docqa.testing.LeasePdf.CROSS_1_Y;
import static io.docqa.testing.LeasePdf.CROSS_2;
import static io.docqa.testing.LeasePdf.CROSS_2_Y;
import static io.docqa.testing.LeasePdf.PAGE;
import static io.docqa.testing.LeasePdf.RENT;
import static io.docqa.testing.LeasePdf.RENT_Y;
import static io.docqa.testing.LeasePdf.SIZE;
import static io.docqa.testing.LeasePdf.baseline;
import static io.docqa.testing.LeasePdf.horizontal;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.DocumentRepository;
import io.docqa.testing.Api;
import io.docqa.testing.LeasePdf;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A PDF written at test time with words at known places: the highlight boxes of a cited span sit on those words,
 * on both pages when the sentence crosses a page break, and the rendered page shows ink inside the boxes.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PdfHighlightTest {

    static final String READER = "highlight-reader";
    static final String READER_PASSWORD = "highlight-reader-password";

    @Inject
    DocumentRepository documents;

    private long collection;
    private long pdf;
    private String text;

    @BeforeEach
    void ingestOnce() throws IOException {
        if (pdf != 0) {
            return;
        }
        collection = Api.createCollection("Highlights");
        Path file = Files.createTempDirectory("highlight").resolve("lease-highlights.pdf");
        LeasePdf.write(file);
        pdf = asAdmin().multiPart("file", file.toFile()).post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(pdf).get("status"));
        text = documents.textAround(pdf, 0, 0, 100_000).orElseThrow().text();
    }

    private JsonPath highlights(String span) {
        int start = text.indexOf(span);
        assertTrue(start >= 0, text);
        return asAdmin().queryParam("start", start).queryParam("end", start + span.length())
                .get("/api/documents/" + pdf + "/highlights").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void the_boxes_of_a_span_cover_its_words_on_the_page() throws IOException {
        String span = "monthly rent of two thousand dollars";
        JsonPath h = highlights(span);
        assertEquals(List.of(1), h.getList("pages.page"), h.prettify());
        assertEquals(1, h.getList("pages[0].rects").size(), h.prettify());
        double x = h.getDouble("pages[0].rects[0].x");
        double y = h.getDouble("pages[0].rects[0].y");
        double w = h.getDouble("pages[0].rects[0].width");
        double ht = h.getDouble("pages[0].rects[0].height");
        double[] expected = horizontal(RENT, span);
        assertEquals(expected[0], x, 0.01, h.prettify());
        assertEquals(expected[1], x + w, 0.01, h.prettify());
        double base = baseline(RENT_Y);
        assertTrue(y < base && base < y + ht, "the box holds the baseline: " + h.prettify());
        assertTrue(ht < 3.0 * SIZE / PAGE.getHeight(), "one line high: " + h.prettify());

        // the rendered page has ink inside the box and none in the same box a line's height lower
        BufferedImage page = page(1);
        assertTrue(ink(page, x, y, w, ht) > 0.05, "text inside the box");
        assertEquals(0.0, ink(page, x, y + 2 * ht, w, ht), 0.001, "blank space below the line");
    }

    @Test
    void the_box_ends_where_the_cited_text_ends_including_a_final_full_stop() throws IOException {
        String withStop = "the first day of each month.";
        JsonPath h = highlights(withStop);
        double right = h.getDouble("pages[0].rects[0].x") + h.getDouble("pages[0].rects[0].width");
        assertEquals(horizontal(RENT, withStop)[1], right, 0.002, "the full stop is inside the box: " + h.prettify());
        assertEquals(horizontal(RENT, withStop)[0], h.getDouble("pages[0].rects[0].x"), 0.01, h.prettify());

        String withoutStop = "the first day of each month";
        JsonPath w = highlights(withoutStop);
        double end = w.getDouble("pages[0].rects[0].x") + w.getDouble("pages[0].rects[0].width");
        assertEquals(horizontal(RENT, withoutStop)[1], end, 0.002, "no more than the cited text: " + w.prettify());
    }

    @Test
    void a_sentence_crossing_a_page_break_is_marked_on_both_pages() throws IOException {
        int start = text.indexOf("The landlord may terminate");
        int end = text.indexOf("registered mail.") + "registered mail.".length();
        assertTrue(start >= 0 && end > start, text);
        JsonPath h = asAdmin().queryParam("start", start).queryParam("end", end)
                .get("/api/documents/" + pdf + "/highlights").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2), h.getList("pages.page"), h.prettify());
        double base1 = baseline(CROSS_1_Y);
        double y1 = h.getDouble("pages[0].rects[0].y");
        assertTrue(y1 < base1 && base1 < y1 + h.getDouble("pages[0].rects[0].height"), h.prettify());
        assertEquals(horizontal(CROSS_1, CROSS_1)[1],
                h.getDouble("pages[0].rects[0].x") + h.getDouble("pages[0].rects[0].width"), 0.01, h.prettify());
        double base2 = baseline(CROSS_2_Y);
        double y2 = h.getDouble("pages[1].rects[0].y");
        assertTrue(y2 < base2 && base2 < y2 + h.getDouble("pages[1].rects[0].height"), h.prettify());
        assertEquals(horizontal(CROSS_2, "sixty")[0], h.getDouble("pages[1].rects[0].x"), 0.01, h.prettify());
    }

    @Test
    void a_page_renders_as_a_bounded_png_and_pages_out_of_range_are_404() throws IOException {
        BufferedImage page = page(2);
        assertEquals(PAGE.getWidth() / PAGE.getHeight(), (double) page.getWidth() / page.getHeight(), 0.01);
        assertTrue(page.getWidth() <= PdfPages.MAX_SIDE_PX && page.getHeight() <= PdfPages.MAX_SIDE_PX);
        assertTrue(page.getWidth() >= 600, "readable: " + page.getWidth());
        for (int n : new int[] {0, 3, 99}) {
            asAdmin().get("/api/documents/" + pdf + "/pages/" + n).then().statusCode(404)
                    .contentType(ContentType.JSON);
        }
        asAdmin().queryParam("start", 10).queryParam("end", 5).get("/api/documents/" + pdf + "/highlights")
                .then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void a_reader_without_membership_gets_404_like_an_unknown_document() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", READER, "password", READER_PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201);
        var reader = given().auth().preemptive().basic(READER, READER_PASSWORD);
        String forbidden = reader.get("/api/documents/" + pdf + "/pages/1").then().statusCode(404)
                .contentType(ContentType.JSON).extract().jsonPath().getString("message");
        String unknown = given().auth().preemptive().basic(READER, READER_PASSWORD)
                .get("/api/documents/" + Long.MAX_VALUE + "/pages/1").then().statusCode(404).extract().jsonPath()
                .getString("message");
        assertEquals(forbidden.replace(Long.toString(pdf), "N"), unknown.replace(Long.toString(Long.MAX_VALUE), "N"));
        given().auth().preemptive().basic(READER, READER_PASSWORD).queryParam("start", 0).queryParam("end", 10)
                .get("/api/documents/" + pdf + "/highlights").then().statusCode(404).contentType(ContentType.JSON);

        // with membership the same reader sees the page
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + collection + "/members/" + READER).then().statusCode(204);
        given().auth().preemptive().basic(READER, READER_PASSWORD).get("/api/documents/" + pdf + "/pages/1")
                .then().statusCode(200).contentType("image/png");
    }

    @Test
    void a_document_that_is_not_a_pdf_has_no_pages() {
        long memo = Api.upload(collection, "injected-memo.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(memo).get("status"));
        String message = asAdmin().get("/api/documents/" + memo + "/pages/1").then().statusCode(404)
                .contentType(ContentType.JSON).extract().jsonPath().getString("message");
        assertTrue(message.contains("not a PDF"), message);
        asAdmin().queryParam("start", 0).queryParam("end", 20).get("/api/documents/" + memo + "/highlights")
                .then().statusCode(404).contentType(ContentType.JSON);
        assertFalse(message.contains("Exception"), message);
    }

    private BufferedImage page(int n) throws IOException {
        byte[] png = asAdmin().get("/api/documents/" + pdf + "/pages/" + n).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** Share of dark pixels in a box given in page fractions. */
    private static double ink(BufferedImage img, double x, double y, double w, double h) {
        int x0 = (int) (x * img.getWidth());
        int y0 = (int) (y * img.getHeight());
        int x1 = (int) Math.ceil((x + w) * img.getWidth());
        int y1 = (int) Math.ceil((y + h) * img.getHeight());
        int dark = 0;
        int all = 0;
        for (int py = Math.max(0, y0); py < Math.min(img.getHeight(), y1); py++) {
            for (int px = Math.max(0, x0); px < Math.min(img.getWidth(), x1); px++) {
                int rgb = img.getRGB(px, py);
                int lum = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                dark += lum < 128 ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) dark / all;
    }
}
