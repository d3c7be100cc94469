package io.docqa.review.cell;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as documents write them, parsed with {@link java.time} (strictly: 30 February is no date) and normalised to
 * ISO 8601: {@code 2024-03-31}; a month without a day ("June 1991") to {@code 1991-06}. Accepted: "31 March 2024",
 * "March 31, 2024", "31st of March, 2024", "Mar. 31 2024", "2024-03-31", and numeric dates with slashes or dots,
 * which are read day first ("31/03/2024", "31.03.2024") unless the text is ISO; a numeric date is read month first
 * only when its first number cannot be a day of... (it is a month) — i.e. "03/31/2024", whose second number exceeds 12.
 */
public final class Dates {

    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:1[6-9]|2\\d)\\d\\d";
    private static final Pattern FIND = Pattern.compile("(?<![\\w-])(?:"
            + "(?<iso>" + YEAR + "-[01]\\d-[0-3]\\d)"
            + "|(?<dmy>" + DAY + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+" + YEAR + ")"
            + "|(?<mdy>" + MONTH + "\\s+" + DAY + ",?\\s+" + YEAR + ")"
            + "|(?<num>(?:[12]\\d|3[01]|0?[1-9])[/.](?:[12]\\d|3[01]|0?[1-9])[/.]" + YEAR + ")"
            + "|(?<my>" + MONTH + ",?\\s+" + YEAR + ")"
            + ")(?![\\w-])", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DAY_MONTH_YEAR = formatter("d MMMM uuuu");
    private static final DateTimeFormatter DAY_MON_YEAR = formatter("d MMM uuuu");
    private static final DateTimeFormatter NUMERIC_DMY = formatter("d M uuuu");
    private static final DateTimeFormatter MONTH_YEAR = formatter("MMMM uuuu");
    private static final DateTimeFormatter MON_YEAR = formatter("MMM uuuu");

    private Dates() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    public static List<TypedValue> find(String text) {
        List<TypedValue> out = new ArrayList<>();
        for (Matcher m = FIND.matcher(text); m.find();) {
            String iso = normalise(m);
            if (iso != null) {
                out.add(new TypedValue(m.start(), m.end(), m.group(), iso));
            }
        }
        return out;
    }

    /** The ISO form of one date written in any accepted way; null when it is not a date. */
    public static String normalise(String text) {
        Matcher m = FIND.matcher(text.strip());
        return m.matches() ? normalise(m) : null;
    }

    private static String normalise(Matcher m) {
        try {
            if (m.group("iso") != null) {
                return LocalDate.parse(m.group("iso")).toString();
            }
            if (m.group("num") != null) {
                String[] p = m.group("num").split("[/.]");
                int a = Integer.parseInt(p[0]);
                int b = Integer.parseInt(p[1]);
                String dmy = b > 12 && a <= 12 ? b + " " + a + " " + p[2] : a + " " + b + " " + p[2];
                return LocalDate.parse(dmy, NUMERIC_DMY).toString();
            }
            if (m.group("my") != null) {
                String s = clean(m.group("my"));
                return parse(s, MONTH_YEAR, MON_YEAR, YearMonth::from).toString();
            }
            String s = clean(m.group("dmy") != null ? m.group("dmy") : m.group("mdy"));
            if (m.group("mdy") != null) { // "March 31 2024" -> "31 March 2024"
                String[] p = s.split(" ");
                s = p[1] + " " + p[0] + " " + p[2];
            }
            return parse(s, DAY_MONTH_YEAR, DAY_MON_YEAR, LocalDate::from).toString();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static <T> T parse(String s, DateTimeFormatter full, DateTimeFormatter abbreviated,
            java.time.temporal.TemporalQuery<T> query) {
        try {
            return full.parse(s, query);
        } catch (DateTimeParseException e) {
            // "Sept" is not java.time's "Sep"
            return abbreviated.parse(s.replaceFirst("(?i)^(\\d+ )?sept\\b", "$1Sep"), query);
        }
    }

    /** "31st of March, 2024" -> "31 March 2024"; "Mar. 2024" -> "Mar 2024". */
    private static String clean(String s) {
        return s.replaceAll("(?i)(\\d)(st|nd|rd|th)", "$1").replaceAll("(?i)\\bof\\s+", "").replace(",", " ")
                .replace(".", "").strip().replaceAll("\\s+", " ");
    }
}
