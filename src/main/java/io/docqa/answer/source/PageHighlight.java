package io.docqa.answer.source;

import java.util.List;

/** The boxes marking a span on one page (1-based); coordinates are fractions of the page's width and height. */
public record PageHighlight(int page, List<Rect> rects) {

    /** A box with its top-left corner at (x, y), all four values in 0..1 of the rendered page. */
    public record Rect(double x, double y, double width, double height) {
    }
}
