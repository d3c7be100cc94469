package io.docqa.ui.admin;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small charts drawn on the server as SVG markup (no chart library, no frontend build, nothing to load from the
 * network): a column chart of two stacked series per day, and labelled horizontal bars. Every text placed in the
 * markup is escaped; sizes are in the SVG's own units and the chart scales to its container's width.
 */
final class SvgCharts {

    /** Most days one column chart draws; a longer period shows its last days. */
    static final int MAX_DAYS = 370;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    private SvgCharts() {
    }

    /** One day's column: its total and the part of it drawn in the second colour. */
    record DayValue(long total, long part) {
    }

    /** One horizontal bar: a label, a value and the text shown after the bar. */
    record Bar(String label, double value, String shown) {
    }

    /**
     * Columns for each day of [{@code first}, {@code last}] (days without data are zero): the total in the first
     * colour with the {@code part} stacked at its foot in the second, a y axis to the largest total, and a few dates.
     */
    static String days(LocalDate first, LocalDate last, Map<LocalDate, DayValue> values, String totalName,
            String partName) {
        LocalDate start = ChronoUnit.DAYS.between(first, last) >= MAX_DAYS ? last.minusDays(MAX_DAYS - 1) : first;
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        long max = Math.max(1, values.values().stream().mapToLong(DayValue::total).max().orElse(1));
        int plotW = WIDTH - LEFT - 8;
        int plotH = HEIGHT - TOP - BOTTOM;
        double slot = (double) plotW / Math.max(1, days.size());
        double barW = Math.max(1, slot * 0.8);
        StringBuilder svg = open(WIDTH, HEIGHT, "Questions per day: " + totalName + " and " + partName);
        line(svg, LEFT, TOP, LEFT, TOP + plotH);
        line(svg, LEFT, TOP + plotH, WIDTH - 8, TOP + plotH);
        text(svg, LEFT - 4, TOP + 8, "end", Long.toString(max));
        text(svg, LEFT - 4, TOP + plotH, "end", "0");
        int labelEvery = Math.max(1, (int) Math.ceil(days.size() / 6.0));
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            DayValue v = values.getOrDefault(d, new DayValue(0, 0));
            double x = LEFT + i * slot + (slot - barW) / 2;
            double h = (double) v.total() / max * plotH;
            double hp = (double) Math.min(v.part(), v.total()) / max * plotH;
            if (v.total() > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar-total\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1676f3\">"
                                + "<title>%s: %d %s, %d %s</title></rect>",
                        x, TOP + plotH - h, barW, h, d, v.total(), escape(totalName), v.part(), escape(partName)));
            }
            if (v.part() > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar-part\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#e8833a\"/>",
                        x, TOP + plotH - hp, barW, hp));
            }
            if (i % labelEvery == 0) {
                text(svg, x + barW / 2, HEIGHT - 10, "middle", d.toString().substring(5));
            }
        }
        legend(svg, WIDTH - 250, 4, "#1676f3", totalName);
        legend(svg, WIDTH - 120, 4, "#e8833a", partName);
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars scaled to {@code max} (values above it are drawn full). */
    static String bars(String title, List<Bar> bars, double max) {
        int rowH = 26;
        int labelW = 190;
        int height = bars.size() * rowH + 8;
        int plotW = WIDTH - labelW - 90;
        StringBuilder svg = open(WIDTH, height, title);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 4 + i * rowH;
            double share = max <= 0 ? 0 : Math.max(0, Math.min(1, b.value() / max));
            text(svg, labelW - 8, y + 15, "end", b.label());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#e6e9ee\"/>",
                    labelW, y + 2, plotW));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#1676f3\"/>",
                    labelW, y + 2, share * plotW));
            text(svg, labelW + plotW + 8, y + 15, "start", b.shown());
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"100%%\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"><title>%s</title>",
                width, height, escape(title)));
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8a94a6\" stroke-width=\"1\"/>", x1, y1,
                x2, y2));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String value) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#3a4556\">%s</text>",
                x, y, anchor, escape(value)));
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String name) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y,
                colour));
        text(svg, x + 14, y + 9, "start", name);
    }

    /** Text as SVG (XML) character data or attribute value. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
