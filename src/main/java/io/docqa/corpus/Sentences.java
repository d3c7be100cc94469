package io.docqa.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentence boundaries within a range of text. A line break always ends a sentence (blocks are lines apart). */
public final class Sentences {

    private Sentences() {
    }

    /** Ranges [start, end) of the sentences in text[from, to), surrounding whitespace excluded. */
    public static List<int[]> ranges(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int lineStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '\n') {
                if (i > lineStart) {
                    lineRanges(text, lineStart, i, out);
                }
                lineStart = i + 1;
            }
        }
        return out;
    }

    private static void lineRanges(String text, int from, int to, List<int[]> out) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text.substring(from, to));
        int s = it.first();
        for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
            int start = from + s;
            int end = from + e;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                out.add(new int[] {start, end});
            }
        }
    }
}
