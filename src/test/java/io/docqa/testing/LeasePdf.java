package io.docqa.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A two-page lease written with PDFBox, every line at a known place (Helvetica 12 pt, x = 72 pt): page 1 holds a
 * heading, the rent sentence and, as its last line, the first half of a sentence that ends on page 2.
 */
public final class LeasePdf {

    public static final float SIZE = 12;
    public static final float LEFT = 72;
    public static final PDRectangle PAGE = PDRectangle.LETTER;
    public static final String RENT = "The tenant shall pay the monthly rent of two thousand dollars on the first day of each month.";
    public static final float RENT_Y = 650;
    public static final String CROSS_1 = "The landlord may terminate this lease for convenience by giving the tenant";
    public static final float CROSS_1_Y = 100;
    public static final String CROSS_2 = "sixty days written notice delivered by registered mail.";
    public static final float CROSS_2_Y = 720;

    private LeasePdf() {
    }

    public static Path write(Path file) throws IOException {
        PDType1Font font = font();
        try (PDDocument doc = new PDDocument()) {
            PDPage one = new PDPage(PAGE);
            PDPage two = new PDPage(PAGE);
            doc.addPage(one);
            doc.addPage(two);
            try (PDPageContentStream s = new PDPageContentStream(doc, one)) {
                line(s, font, 700, "Residential Lease Agreement");
                line(s, font, RENT_Y, RENT);
                line(s, font, 600, "The premises are let furnished and the tenant keeps them in good repair.");
                line(s, font, CROSS_1_Y, CROSS_1);
            }
            try (PDPageContentStream s = new PDPageContentStream(doc, two)) {
                line(s, font, CROSS_2_Y, CROSS_2);
                line(s, font, 670, "Either party may renew the lease for another year by written agreement.");
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** Left and right edge (fractions of the page width) of {@code word} inside {@code line}. */
    public static double[] horizontal(String line, String word) throws IOException {
        PDType1Font font = font();
        int at = line.indexOf(word);
        double x0 = LEFT + font.getStringWidth(line.substring(0, at)) / 1000 * SIZE;
        double x1 = x0 + font.getStringWidth(word) / 1000 * SIZE;
        return new double[] {x0 / PAGE.getWidth(), x1 / PAGE.getWidth()};
    }

    /** The baseline of a line written at PDF y (from the bottom) as a fraction of the page height from the top. */
    public static double baseline(float y) {
        return (PAGE.getHeight() - y) / PAGE.getHeight();
    }

    private static PDType1Font font() {
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    private static void line(PDPageContentStream s, PDType1Font font, float y, String text) throws IOException {
        s.beginText();
        s.setFont(font, SIZE);
        s.newLineAtOffset(LEFT, y);
        s.showText(text);
        s.endText();
    }
}
