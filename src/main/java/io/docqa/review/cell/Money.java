package io.docqa.review.cell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts of money ("$1,000,000", "USD 2.5 million", "EUR 500", "€1,000", "ten thousand dollars",
 * "5,000 pounds sterling") normalised to the amount and its ISO 4217 currency: {@code 1000000 USD}. A bare "$" is
 * read as US dollars unless the words around it name another dollar ("Canadian dollars"); amounts without a currency
 * are numbers, not money.
 */
public final class Money {

    /** Currency symbols and words → ISO code. */
    private static final Map<String, String> CURRENCIES = Map.ofEntries(Map.entry("$", "USD"),
            Map.entry("us$", "USD"), Map.entry("usd", "USD"), Map.entry("dollar", "USD"),
            Map.entry("us dollar", "USD"), Map.entry("u.s. dollar", "USD"), Map.entry("united states dollar", "USD"),
            Map.entry("€", "EUR"), Map.entry("eur", "EUR"), Map.entry("euro", "EUR"), Map.entry("£", "GBP"),
            Map.entry("gbp", "GBP"), Map.entry("pound", "GBP"), Map.entry("pound sterling", "GBP"),
            Map.entry("pounds sterling", "GBP"), Map.entry("¥", "JPY"), Map.entry("jpy", "JPY"),
            Map.entry("yen", "JPY"), Map.entry("chf", "CHF"), Map.entry("swiss franc", "CHF"),
            Map.entry("cad", "CAD"), Map.entry("c$", "CAD"), Map.entry("canadian dollar", "CAD"),
            Map.entry("aud", "AUD"), Map.entry("a$", "AUD"), Map.entry("australian dollar", "AUD"),
            Map.entry("inr", "INR"), Map.entry("₹", "INR"), Map.entry("rupee", "INR"));
    private static final String SYMBOL = "(?:US\\$|C\\$|A\\$|\\$|€|£|¥|₹|USD|EUR|GBP|JPY|CHF|CAD|AUD|INR)";
    private static final String WORD = "(?:(?:U\\.S\\.|US|United States|Canadian|Australian)\\s+dollars?|dollars?"
            + "|euros?|pounds?\\s+sterling|pounds?|yen|swiss\\s+francs?|rupees?)";
    private static final String SCALE = "(?:\\s*(?<scale>million|billion|thousand|m|bn|k)\\b)?";
    private static final Pattern FIND = Pattern.compile(
            "(?<![\\w$€£¥])(?:(?<sym>" + SYMBOL + ")\\s?(?<a>" + NumberWords.DIGITS + ")" + SCALE
                    + "|" + NumberWords.NUMBER + SCALE.replace("scale", "scale2") + "\\s*(?<cur>" + SYMBOL + "|" + WORD
                    + ")(?![\\w]))",
            Pattern.CASE_INSENSITIVE);

    private Money() {
    }

    public static List<TypedValue> find(String text) {
        List<TypedValue> out = new ArrayList<>();
        for (Matcher m = FIND.matcher(text); m.find();) {
            BigDecimal amount = m.group("sym") != null ? NumberWords.parse(m.group("a")) : NumberWords.valueOf(m);
            String scale = m.group("sym") != null ? m.group("scale") : m.group("scale2");
            String currency = currency(m.group("sym") != null ? m.group("sym") : m.group("cur"));
            if (amount == null || currency == null) {
                continue;
            }
            if (currency.equals("USD") && "$".equals(m.group("sym"))) {
                currency = dollarNamedAfter(text, m.end());
            }
            amount = amount.multiply(scale(scale));
            out.add(new TypedValue(m.start(), m.end(), m.group(), NumberWords.plain(amount) + " " + currency));
        }
        return out;
    }

    private static String currency(String written) {
        String key = written.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String c = CURRENCIES.get(key);
        return c != null ? c : CURRENCIES.get(key.replaceAll("s$", ""));
    }

    /** "$500 (Canadian dollars)": the words right after a bare "$" may say which dollar. */
    private static String dollarNamedAfter(String text, int end) {
        String after = text.substring(end, Math.min(text.length(), end + 40)).toLowerCase(Locale.ROOT);
        return after.matches("(?s)\\W*canadian dollar.*") ? "CAD"
                : after.matches("(?s)\\W*australian dollar.*") ? "AUD" : "USD";
    }

    private static BigDecimal scale(String scale) {
        if (scale == null) {
            return BigDecimal.ONE;
        }
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "thousand", "k" -> BigDecimal.valueOf(1_000);
            case "million", "m" -> BigDecimal.valueOf(1_000_000);
            default -> BigDecimal.valueOf(1_000_000_000);
        };
    }
}
