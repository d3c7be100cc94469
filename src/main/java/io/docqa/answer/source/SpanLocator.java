package io.docqa.answer.source;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Finds where a piece of extracted text sits on PDF pages. Both sides are reduced to their letters and digits
 * (NFKC, lower case), so whitespace, line breaks, hyphenation at line ends, ligatures and punctuation do not
 * matter. An exact match wins; otherwise the span's words are matched one after another with some slack, and the
 * best run counts when it covers at least half of the span.
 */
final class SpanLocator {

    /** Characters a word may be away from the end of the previous matched word in the fuzzy match. */
    private static final int SLACK = 40;
    /** Occurrences of an anchor word tried in the fuzzy match. */
    private static final int MAX_ANCHORS = 200;

    private SpanLocator() {
    }

    /** One letter or digit of the pages and the glyph it came from. */
    private record Glyph(int page, TextPosition position) {
    }

    /** The boxes covering {@code span} on pages first..last (1-based) of {@code pdf}, page by page. */
    static List<PageHighlight> locate(PDDocument pdf, int first, int last, String span) throws IOException {
        StringBuilder stream = new StringBuilder();
        List<Glyph> glyphs = new ArrayList<>(); // one per letter or digit of the stream
        List<Glyph> all = new ArrayList<>(); // every glyph, punctuation included
        List<Integer> inAll = new ArrayList<>(); // for each letter or digit, its index in all
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (TextPosition p : positions) {
                    String unicode = p.getUnicode();
                    if (unicode == null) {
                        continue;
                    }
                    Glyph glyph = new Glyph(getCurrentPageNo(), p);
                    all.add(glyph);
                    String folded = fold(unicode);
                    for (int i = 0; i < folded.length(); i++) {
                        stream.append(folded.charAt(i));
                        glyphs.add(glyph);
                        inAll.add(all.size() - 1);
                    }
                }
            }
        };
        stripper.setStartPage(first);
        stripper.setEndPage(last);
        stripper.getText(pdf);
        String needle = fold(span);
        if (needle.isEmpty() || stream.isEmpty()) {
            return List.of();
        }
        boolean[] hit = new boolean[stream.length()];
        int at = stream.indexOf(needle);
        if (at >= 0) {
            java.util.Arrays.fill(hit, at, at + needle.length(), true);
        } else if (!fuzzy(stream.toString(), words(span), needle.length(), hit)) {
            return List.of();
        }
        List<Glyph> marked = new ArrayList<>();
        for (int i = 0; i < hit.length; i++) {
            if (hit[i]) {
                marked.add(glyphs.get(i));
            }
        }
        // punctuation that opens or closes the span (a final full stop, quotes, brackets) is boxed too
        int firstHit = firstIndexOf(hit);
        int lastHit = lastIndexOf(hit);
        String trimmed = span.strip();
        marked.addAll(0, punctuation(all, inAll.get(firstHit), -1, leadingPunctuation(trimmed)));
        marked.addAll(punctuation(all, inAll.get(lastHit), +1, leadingPunctuation(new StringBuilder(trimmed).reverse().toString())));
        return boxes(marked);
    }

    private static int firstIndexOf(boolean[] hit) {
        for (int i = 0; i < hit.length; i++) {
            if (hit[i]) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(boolean[] hit) {
        for (int i = hit.length - 1; i >= 0; i--) {
            if (hit[i]) {
                return i;
            }
        }
        return -1;
    }

    /** How many punctuation characters the text starts with (before its first letter, digit or space). */
    private static int leadingPunctuation(String text) {
        int n = 0;
        while (n < text.length() && !Character.isLetterOrDigit(text.charAt(n)) && !Character.isWhitespace(text.charAt(n))) {
            n++;
        }
        return n;
    }

    /** Up to {@code count} punctuation glyphs next to glyph {@code from} in direction {@code step}, in reading order. */
    private static List<Glyph> punctuation(List<Glyph> all, int from, int step, int count) {
        List<Glyph> out = new ArrayList<>();
        for (int j = from + step; count > 0 && j >= 0 && j < all.size(); j += step, count--) {
            String u = all.get(j).position().getUnicode();
            if (u == null || u.isBlank() || !fold(u).isEmpty() || all.get(j).page() != all.get(from).page()) {
                break;
            }
            if (step < 0) {
                out.addFirst(all.get(j));
            } else {
                out.add(all.get(j));
            }
        }
        return out;
    }

    /** Letters and digits only, NFKC-normalised and lower case. */
    static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static List<String> words(String span) {
        List<String> out = new ArrayList<>();
        for (String w : span.split("[\\s\\p{Punct}\\u2010-\\u2015]+")) {
            String f = fold(w);
            if (!f.isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    /** Marks the best run of the span's words found in order; false when it covers less than half of the span. */
    private static boolean fuzzy(String stream, List<String> words, int needleLength, boolean[] hit) {
        int bestScore = 0;
        List<int[]> best = List.of();
        // anchor on each of the first words in turn, so a first word that differs does not lose the match
        for (int anchor = 0; anchor < Math.min(3, words.size()); anchor++) {
            String word = words.get(anchor);
            int from = 0;
            for (int tries = 0; tries < MAX_ANCHORS; tries++) {
                int pos = stream.indexOf(word, from);
                if (pos < 0) {
                    break;
                }
                from = pos + 1;
                List<int[]> run = new ArrayList<>();
                run.add(new int[] {pos, pos + word.length()});
                int score = word.length();
                int cursor = pos + word.length();
                for (int j = anchor + 1; j < words.size(); j++) {
                    String next = words.get(j);
                    int found = stream.indexOf(next, cursor);
                    if (found >= 0 && found - cursor <= SLACK) {
                        run.add(new int[] {found, found + next.length()});
                        score += next.length();
                        cursor = found + next.length();
                    }
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = run;
                }
            }
        }
        if (bestScore * 2 < needleLength) {
            return false;
        }
        // the words and what lies between them (small differences inside the span) are marked
        int start = best.getFirst()[0];
        int end = best.getLast()[1];
        java.util.Arrays.fill(hit, start, end, true);
        return true;
    }

    /** One box per line and page around the marked glyphs (in reading order), as fractions of the page size. */
    private static List<PageHighlight> boxes(List<Glyph> marked) {
        Map<Integer, List<PageHighlight.Rect>> byPage = new LinkedHashMap<>();
        Line line = null;
        for (Glyph g : marked) {
            TextPosition p = g.position();
            if (line != null && (line.page != g.page() || !line.sameLine(p))) {
                line.addTo(byPage);
                line = null;
            }
            if (line == null) {
                line = new Line(g.page(), p);
            } else {
                line.add(p);
            }
        }
        if (line != null) {
            line.addTo(byPage);
        }
        List<PageHighlight> out = new ArrayList<>();
        byPage.forEach((page, rects) -> out.add(new PageHighlight(page, List.copyOf(rects))));
        return out;
    }

    /** Glyphs on one baseline: the box spans from the top of the tallest to a little below the baseline. */
    private static final class Line {
        final int page;
        final double pageWidth;
        final double pageHeight;
        final double baseline;
        double left;
        double right;
        double top;
        double bottom;

        Line(int page, TextPosition p) {
            this.page = page;
            this.pageWidth = p.getPageWidth();
            this.pageHeight = p.getPageHeight();
            this.baseline = p.getYDirAdj();
            this.left = p.getXDirAdj();
            this.right = p.getXDirAdj() + p.getWidthDirAdj();
            this.top = p.getYDirAdj() - height(p);
            this.bottom = p.getYDirAdj() + descent(p);
        }

        boolean sameLine(TextPosition p) {
            return Math.abs(p.getYDirAdj() - baseline) < Math.max(2, height(p) / 2);
        }

        void add(TextPosition p) {
            left = Math.min(left, p.getXDirAdj());
            right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
            top = Math.min(top, p.getYDirAdj() - height(p));
            bottom = Math.max(bottom, p.getYDirAdj() + descent(p));
        }

        void addTo(Map<Integer, List<PageHighlight.Rect>> byPage) {
            double x = clamp(left / pageWidth);
            double y = clamp(top / pageHeight);
            double w = clamp(right / pageWidth) - x;
            double h = clamp(bottom / pageHeight) - y;
            byPage.computeIfAbsent(page, k -> new ArrayList<>()).add(new PageHighlight.Rect(x, y, w, h));
        }

        /** PDFBox's glyph height is often too small: the font size is a better cap height for a visible mark. */
        private static double height(TextPosition p) {
            return Math.max(p.getHeightDir(), 0.8 * p.getFontSizeInPt());
        }

        private static double descent(TextPosition p) {
            return 0.25 * p.getFontSizeInPt();
        }

        private static double clamp(double v) {
            return Math.max(0, Math.min(1, v));
        }
    }
}
