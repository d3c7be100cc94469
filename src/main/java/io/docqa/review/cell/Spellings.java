package io.docqa.review.cell;

import io.docqa.answer.text.Terms;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * British and American spellings of the same word, which the index's stemmer keeps apart ("licence" → licenc,
 * "license" → licens): a reviewer writing "licence" asks about a document that writes "license". The question is
 * searched with both spellings and its words are compared with a sentence's in one canonical form.
 */
final class Spellings {

    /** British → American, the words contracts and policies use most. */
    private static final Map<String, String> VARIANTS = Map.ofEntries(Map.entry("licence", "license"),
            Map.entry("licences", "licenses"), Map.entry("licenced", "licensed"), Map.entry("defence", "defense"),
            Map.entry("offence", "offense"), Map.entry("organisation", "organization"),
            Map.entry("organisations", "organizations"), Map.entry("authorise", "authorize"),
            Map.entry("authorised", "authorized"), Map.entry("judgement", "judgment"), Map.entry("labour", "labor"),
            Map.entry("favour", "favor"), Map.entry("behaviour", "behavior"), Map.entry("centre", "center"),
            Map.entry("programme", "program"), Map.entry("catalogue", "catalog"), Map.entry("analyse", "analyze"),
            Map.entry("recognise", "recognize"), Map.entry("cancelled", "canceled"));
    /** Stem of a British spelling → stem of its American one. */
    private static final Map<String, String> STEMS = stems();

    private Spellings() {
    }

    private static Map<String, String> stems() {
        Map<String, String> out = new HashMap<>();
        VARIANTS.forEach((british, american) -> {
            List<String> b = List.copyOf(Terms.of(british));
            List<String> a = List.copyOf(Terms.of(american));
            if (b.size() == 1 && a.size() == 1 && !b.equals(a)) {
                out.put(b.get(0), a.get(0));
            }
        });
        return Map.copyOf(out);
    }

    /** The question followed by the other spelling of each of its words that has one (for the lexical search). */
    static String withVariants(String question) {
        Set<String> extra = new LinkedHashSet<>();
        for (String w : question.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            String american = VARIANTS.get(w);
            if (american != null && !american.equals(w)) {
                extra.add(american);
            }
            VARIANTS.forEach((b, a) -> {
                if (a.equals(w) && !b.equals(w)) {
                    extra.add(b);
                }
            });
        }
        return extra.isEmpty() ? question : question + " " + String.join(" ", extra);
    }

    /** The question with each word that has another spelling written in that other spelling. */
    static String respelled(String question) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\p{L}+").matcher(question);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            String other = VARIANTS.get(w);
            if (other == null) {
                other = VARIANTS.entrySet().stream().filter(e -> e.getValue().equals(w)).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(other == null ? m.group() : other));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Content words (stems) in one spelling. */
    static Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : Terms.of(text)) {
            out.add(STEMS.getOrDefault(t, t));
        }
        return out;
    }
}
