package io.docqa.review.cell;

import java.util.regex.Pattern;

/**
 * Yes or no, from the clause that governs the question. A text is <em>negative</em> when it holds a negation
 * ("not", "no", "never", "neither", "nor", "none", "nothing", "cannot", "without warranty") or a word that forbids
 * or removes ("prohibit", "forbid", "disclaim", "exclude", "waive"); otherwise it is positive. Words joined by a
 * hyphen are not negations ("non-exclusive", "no-charge"). Double negatives are
 * not resolved. The answer is {@code yes} when the governing sentence and the question have the same polarity and
 * {@code no} otherwise:
 * <ul>
 * <li>"May the licensee assign?" (positive) + "Licensee shall not assign…" (negative) → no;</li>
 * <li>"Is assignment prohibited?" (negative) + "Licensee shall not assign…" (negative) → yes;</li>
 * <li>"Is there a warranty disclaimer?" (negative) + "provided AS IS, WITHOUT WARRANTY" (negative) → yes;</li>
 * <li>"Does it grant a patent licence?" (positive) + "each Contributor grants You a … patent license" → yes.</li>
 * </ul>
 * A document without a governing clause is not a "no": the cell is not found.
 */
public final class YesNo {

    private static final Pattern NEGATIVE = Pattern.compile("(?<![\\w-])(?:not|no|never|neither|nor|none|nothing|cannot"
            + "|can't|won't|shan't|mustn't|isn't|doesn't|don't|aren't|without\\s+(?:[\\w-]+\\s+){0,4}warrant(?:y|ies)"
            + "|prohibit\\w*|forbid\\w*|disclaim\\w*|exclud\\w*|waive\\w*)(?![\\w-])", Pattern.CASE_INSENSITIVE);

    private YesNo() {
    }

    /** True when the text negates or forbids (see the class description). */
    public static boolean negative(String text) {
        return NEGATIVE.matcher(text).find();
    }

    /** {@code yes} when the governing sentence answers the question in its own polarity, {@code no} otherwise. */
    public static String answer(String question, String governingSentence) {
        return negative(question) == negative(governingSentence) ? "yes" : "no";
    }

    /** "yes" / "no" when the text starts with one (an LLM's answer), else null. */
    public static String stated(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        return s.matches("^yes\\b.*") ? "yes" : s.matches("^no\\b.*") ? "no" : null;
    }
}
