package io.docqa.answer.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The section numbers a question refers to ("section 13", "question 7.42", "3.5.3"), read from its text alone: the
 * relevance gate, the extractive answer and the check for missing targets all look for the same numbers.
 */
public final class SectionNumbers {

    /** A section-like reference: the word and the number. */
    private static final Pattern SECTION = Pattern.compile(
            "(?i)(\\b(?:section|sections|clause|question|chapter|article|part|paragraph|appendix|schedule|exhibit)|§)\\s*"
                    + "(\\d+(?:\\.\\d+)*(?:\\([0-9a-z]{1,4}\\))*)");
    /** A dotted number standing alone (7.42, 3.5.3), not a version of something named before it. */
    private static final Pattern DOTTED = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+(?:\\.\\d+)*)(?![\\w.]*\\d)");
    /** What comes before a version number: a version word or a name (capitalised). */
    private static final Pattern VERSION_BEFORE = Pattern.compile("(?i:version|v|ver\\.?|release|rev\\.?)\\s*$|\\b\\p{Lu}[\\p{L}0-9-]*\\s*$");

    private SectionNumbers() {
    }

    /**
     * Patterns that find the question's section numbers as whole numbers in a text ("7.10" matches "7.10." but not
     * "7.100" or "17.10").
     */
    public static List<Pattern> sectionPatterns(String question) {
        return sections(question).stream()
                .map(n -> Pattern.compile("(?<![\\d.])" + Pattern.quote(n) + "(?!\\d|\\.\\d)")).toList();
    }

    /** Numbers of the section references of the question ("section 13" → 13, "question 7.42", "3.5.3"). */
    public static Set<String> sections(String question) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = SECTION.matcher(question);
        while (m.find()) {
            out.add(m.group(2).replaceAll("\\(.*", "")); // the number: "4(d)" is item (d) under 4, "4" is what text shows
        }
        Matcher d = DOTTED.matcher(question);
        while (d.find()) {
            String before = question.substring(Math.max(0, d.start() - 16), d.start());
            boolean versionOf = VERSION_BEFORE.matcher(before).find(); // "MPL 2.0", "version 2.1", "Bash 5.2"
            boolean inSection = out.contains(d.group(1));
            if (!versionOf && !inSection) {
                out.add(d.group(1));
            }
        }
        return out;
    }
}
