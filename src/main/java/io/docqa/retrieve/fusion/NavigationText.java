package io.docqa.retrieve.fusion;

import java.util.regex.Pattern;

/**
 * Recognises passages that only point elsewhere: a table of contents ("7.10. What is meant by Pre-Depends?" line
 * after line), an index ("| PIPESTATUS: |  | Bash Variables"), a "Jump to:" bar. They share every word and number
 * with the sections they list, so lexical search ranks them high, yet they answer nothing.
 */
public final class NavigationText {

    /** Score factor for such passages in the fused ranking. */
    public static final double DEMOTION = 0.5;
    /** Lines a passage needs before it is judged (a short passage with a heading is not a table of contents). */
    static final int MIN_LINES = 4;
    /** Share of its lines that must be entries. */
    static final double MIN_SHARE = 0.6;

    private static final Pattern TOC_ENTRY = Pattern.compile("^(?:[A-Z]\\.)?\\d+(?:\\.\\d+)*\\.?\\s+[^.!]{1,120}[?]?$");
    private static final Pattern INDEX_ENTRY = Pattern.compile("\\|[^|]*\\|.*\\||^Jump to:|^(Next|Previous|Up): ");

    private NavigationText() {
    }

    public static boolean isNavigation(String text) {
        if (text.chars().filter(c -> c == '\n').count() < MIN_LINES - 1) {
            return false; // too few lines to be a list of entries (most passages: no work beyond this count)
        }
        int lines = 0;
        int entries = 0;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            lines++;
            if (TOC_ENTRY.matcher(l).matches() || INDEX_ENTRY.matcher(l).find()) {
                entries++;
            }
        }
        return lines >= MIN_LINES && entries >= MIN_SHARE * lines;
    }
}
