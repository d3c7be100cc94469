package io.docqa.review.cell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Periods of time ("thirty (30) days", "12 months", "a period of three years", "60-day"). A period counted in months
 * or years normalises to a number of months ({@code 36}); one counted in days or weeks keeps its unit
 * ({@code 30 days}, {@code 2 weeks}, {@code 10 business days}), because converting would invent precision: a 30-day
 * cure period is not "one month".
 */
public final class Durations {

    private static final Pattern FIND = Pattern.compile("(?<![\\w.,])(?:" + NumberWords.NUMBER + "|(?<article>an?))"
            + "(?:\\s*-\\s*|\\s+)(?<kind>calendar\\s+|business\\s+|working\\s+)?"
            + "(?<unit>days?|weeks?|months?|years?)(?![\\w])", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    public static List<TypedValue> find(String text) {
        List<TypedValue> out = new ArrayList<>();
        for (Matcher m = FIND.matcher(text); m.find();) {
            BigDecimal n = m.group("article") != null ? BigDecimal.ONE : NumberWords.valueOf(m);
            if (n == null) {
                continue;
            }
            String unit = m.group("unit").toLowerCase(Locale.ROOT).replaceAll("s$", "");
            String kind = m.group("kind") == null ? "" : m.group("kind").strip().toLowerCase(Locale.ROOT) + " ";
            String normalized = switch (unit) {
                case "year" -> NumberWords.plain(n.multiply(BigDecimal.valueOf(12)));
                case "month" -> NumberWords.plain(n);
                default -> NumberWords.plain(n) + " " + kind + unit + (n.compareTo(BigDecimal.ONE) == 0 ? "" : "s");
            };
            out.add(new TypedValue(m.start(), m.end(), m.group(), normalized));
        }
        return out;
    }
}
