package io.docqa.review.cell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as contracts write them: digits with thousands separators ({@code 1,000,000}, {@code 2.5}), words up to
 * the thousands ({@code thirty}, {@code twenty-four}, {@code one hundred}), and both together ({@code ninety (90)}),
 * where the digits are taken as the value. Commas are thousands separators and the full stop the decimal point
 * (the English convention of the documents DocQA reads).
 */
public final class NumberWords {

    static final Map<String, Integer> UNITS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90), Map.entry("a", 1), Map.entry("an", 1));

    private static final String UNIT = "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
            + "|seventy|eighty|ninety)";
    private static final String TENS_UNITS = UNIT + "(?:[- ]" + UNIT + ")?";
    /** A number in words: "twenty-four", "one hundred and twenty", "two thousand". */
    static final String WORDS = TENS_UNITS + "(?:\\s+hundred(?:\\s+(?:and\\s+)?" + TENS_UNITS + ")?)?"
            + "(?:\\s+thousand(?:\\s+(?:and\\s+)?" + TENS_UNITS + ")?)?";
    /** Digits: "1,000,000", "2.5", "30". */
    static final String DIGITS = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
    /** "ninety (90)", "90", "ninety": group "w" the words, group "d" the digits. */
    static final String NUMBER = "(?:(?<w>" + WORDS + ")\\s*\\(\\s*(?<d>" + DIGITS + ")\\s*\\)|(?<d2>" + DIGITS
            + ")|(?<w2>" + WORDS + "))";
    private static final Pattern FIND = Pattern.compile("(?<![\\w.,])" + NUMBER + "(?![\\w]|[.,]\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECTION_NUMBER = Pattern.compile("\\d+(?:\\.\\d+){2,}");

    private NumberWords() {
    }

    /** The value of a number written in digits or words; null when it is neither. */
    public static BigDecimal parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.matches(DIGITS)) {
            return new BigDecimal(s.replace(",", ""));
        }
        if (!s.matches(WORDS)) {
            return null;
        }
        long total = 0;
        long current = 0;
        for (String w : s.split("[\\s-]+")) {
            if (w.equals("and")) {
                continue;
            }
            if (w.equals("hundred")) {
                current = Math.max(current, 1) * 100;
            } else if (w.equals("thousand")) {
                total += Math.max(current, 1) * 1000;
                current = 0;
            } else {
                current += UNITS.get(w);
            }
        }
        return BigDecimal.valueOf(total + current);
    }

    /** The value of a match of {@link #NUMBER}: its digits when it has some, else its words. */
    static BigDecimal valueOf(Matcher m) {
        String digits = m.group("d") != null ? m.group("d") : m.group("d2");
        return parse(digits != null ? digits : m.group("w2") != null ? m.group("w2") : m.group("w"));
    }

    /**
     * The numbers of {@code text}, normalised as plain decimals ({@code 1000000}, {@code 2.5}); section numbers
     * such as {@code 3.1.2} and the numbers that start a numbered line ("9. The Free Software…") are not values.
     */
    public static List<TypedValue> find(String text) {
        List<TypedValue> out = new ArrayList<>();
        for (Matcher m = FIND.matcher(text); m.find();) {
            if (m.group("d2") != null && (SECTION_NUMBER.matcher(m.group()).matches() || isItemNumber(text, m))) {
                continue;
            }
            BigDecimal v = valueOf(m);
            if (v != null) {
                out.add(new TypedValue(m.start(), m.end(), m.group(), plain(v)));
            }
        }
        return out;
    }

    /** "9. The Free Software Foundation…", "10.3. Modified Versions": the number of a list item or clause. */
    private static boolean isItemNumber(String text, Matcher m) {
        int lineStart = text.lastIndexOf('\n', m.start() - 1) + 1;
        boolean first = text.substring(lineStart, m.start()).replaceAll("[\\s(]", "").isEmpty();
        return first && ITEM_END.matcher(text).region(m.end(), text.length()).lookingAt();
    }

    private static final Pattern ITEM_END = Pattern.compile("[.)](?:\\s|$)");

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
