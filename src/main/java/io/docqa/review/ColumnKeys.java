package io.docqa.review;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/** Column keys: a column's name made URL-safe ({@code "Liability cap"} is {@code liability-cap}), unique in its review. */
public final class ColumnKeys {

    /** Longest key. */
    public static final int MAX_LENGTH = 40;

    private ColumnKeys() {
    }

    /** The key for {@code name}, suffixed {@code -2}, {@code -3}… when {@code taken} already has it. */
    public static String of(String name, Collection<String> taken) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "column";
        }
        String key = base;
        for (int n = 2; taken.contains(key); n++) {
            key = base + "-" + n;
        }
        return key;
    }
}
