package io.docqa.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentence boundaries within a range of text. */
public final class Sentences {

    private Sentences() {
    }

    /** Ranges [start, end) of the sentences in text[from, to), trailing whitespace excluded. */
    public static List<int[]> ranges(String text, int from, int to) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text.substring(from, to));
        List<int[]> out = new ArrayList<>();
        int s = it.first();
        for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
            int end = e;
            while (end > s && Character.isWhitespace(text.charAt(from + end - 1))) {
                end--;
            }
            if (end > s) {
                out.add(new int[] {from + s, from + end});
            }
        }
        return out;
    }
}
