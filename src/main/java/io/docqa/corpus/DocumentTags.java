package io.docqa.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for document tags, shared by upload, the tag endpoint, filters and the UI. */
public final class DocumentTags {

    /** Most tags one document may carry. */
    public static final int MAX_TAGS = 20;
    /** Longest tag. */
    public static final int MAX_LENGTH = 50;
    /** Letters, digits, space, '-', '_', '.', ':' and '/'; no commas (the upload form field is comma-separated). */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} ._:/-]+");

    private DocumentTags() {
    }

    /**
     * Tags stripped, lower-cased and without duplicates, in the given order.
     *
     * @throws IllegalArgumentException with a message for the user when a tag is empty, too long or has other
     *         characters, or when there are too many
     */
    public static List<String> normalize(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                throw new IllegalArgumentException("A tag must not be empty.");
            }
            if (t.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("A tag may have at most " + MAX_LENGTH + " characters.");
            }
            if (!ALLOWED.matcher(t).matches()) {
                throw new IllegalArgumentException("The tag \"" + t + "\" has characters other than letters, digits, "
                        + "space, '-', '_', '.', ':' and '/'.");
            }
            out.add(t);
        }
        if (out.size() > MAX_TAGS) {
            throw new IllegalArgumentException("A document may have at most " + MAX_TAGS + " tags.");
        }
        return new ArrayList<>(out);
    }

    /** A comma-separated list (the upload form field) as tags; null or blank gives none. */
    public static List<String> parseCommaSeparated(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return normalize(List.of(value.split(",", -1)));
    }
}
