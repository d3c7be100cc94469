package io.docqa.answer;

import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.docqa.retrieve.named.NamedDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a question names that the documents searched do not have, so that DocQA says so instead of answering
 * from a neighbouring passage: a version of a named document that is not there ("MPL 3.0" beside MPL 1.1 and 2.0),
 * a section number the (named) documents do not carry ("section 19 of GPLv2", "question 7.42"), or a specific name
 * that occurs nowhere in them (a product, an acronym, a setting: "PowerShell", "EUPL", "HISTFILE_MAX",
 * {@code shopt -s autopushd}). Ordinary words never count: users paraphrase.
 */
@ApplicationScoped
public class MissingTargets {

    /** A section-like reference: the word and the number. */
    private static final Pattern SECTION = Pattern.compile(
            "(?i)(\\b(?:section|sections|clause|question|chapter|article|part|paragraph|appendix|schedule|exhibit)|§)\\s*"
                    + "(\\d+(?:\\.\\d+)*(?:\\([0-9a-z]{1,4}\\))*)");
    /** A dotted number standing alone (7.42, 3.5.3), not a version of something named before it. */
    private static final Pattern DOTTED = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+(?:\\.\\d+)*)(?![\\w.]*\\d)");
    /** Words written as names: capitalised inside a sentence, all capitals, or with inner capitals, digits or '_'. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}0-9_]*(?:-[\\p{L}0-9_]+)*");
    /** What comes before a version number: a version word or a name (capitalised). */
    private static final Pattern VERSION_BEFORE = Pattern.compile("(?i:version|v|ver\\.?|release|rev\\.?)\\s*$|\\b\\p{Lu}[\\p{L}0-9-]*\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]{1,200})`");
    private static final Pattern OPTION_NAME = Pattern.compile("(?:^|\\s)[-+][a-zA-Z]{1,2}\\s+([a-z][a-z0-9_]{3,})");

    private final NamedDocuments named;
    private final Bm25Retriever bm25;

    public MissingTargets(NamedDocuments named, Bm25Retriever bm25) {
        this.named = named;
        this.bm25 = bm25;
    }

    /** What the question names that the scope lacks, as a sentence for the user; empty when nothing is missing. */
    public Optional<String> find(String question, List<Long> collectionIds, List<Long> documentIds) {
        if (question == null || question.isBlank()) {
            return Optional.empty();
        }
        Named mentioned = named.find(question, collectionIds);
        if (!mentioned.any() && !mentioned.missing().isEmpty()) {
            return Optional.of("The documents do not include " + String.join(", ", mentioned.missing()) + ".");
        }
        List<Long> narrowed = documentIds;
        if (mentioned.any()) {
            narrowed = mentioned.documentIds().stream().filter(id -> documentIds == null || documentIds.contains(id))
                    .sorted().toList();
        }
        RetrievalQuery inNamed = new RetrievalQuery(question, collectionIds, 1, narrowed);
        for (String section : sections(question)) {
            if (!bm25.mentions(section, true, inNamed)) {
                return Optional.of("The " + (mentioned.any() ? "named document has" : "documents have") + " no section "
                        + section + ".");
            }
        }
        RetrievalQuery all = new RetrievalQuery(question, collectionIds, 1, documentIds);
        for (String name : names(question)) {
            if (named.find(name, collectionIds).any()) {
                continue; // a document's own name ("GPLv3", "LGPL") need not occur in its text
            }
            if (!bm25.mentions(name, false, all) && !bm25.mentions(name, true, all)) {
                return Optional.of("The documents do not mention \u201c" + name + "\u201d.");
            }
        }
        return Optional.empty();
    }

    /** Numbers of the section references of the question ("section 13" → 13, "question 7.42", "3.5.3"). */
    static Set<String> sections(String question) {
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

    /** Words of the question written as specific names, and option names inside code. */
    static List<String> names(String question) {
        List<String> out = new ArrayList<>();
        Matcher code = CODE.matcher(question);
        while (code.find()) {
            Matcher o = OPTION_NAME.matcher(code.group(1));
            while (o.find()) {
                out.add(o.group(1));
            }
        }
        String plain = CODE.matcher(question).replaceAll(" ");
        Matcher w = WORD.matcher(plain);
        while (w.find()) {
            String t = w.group();
            int before = w.start() - 1;
            while (before >= 0 && plain.charAt(before) == ' ') {
                before--;
            }
            boolean sentenceStart = before < 0 || ".?!:;\"'(“".indexOf(plain.charAt(before)) >= 0;
            boolean allCaps = t.length() >= 2 && t.equals(t.toUpperCase(java.util.Locale.ROOT)) && t.chars().anyMatch(Character::isLetter);
            boolean inner = t.chars().skip(1).anyMatch(Character::isUpperCase) || t.contains("_");
            boolean capital = Character.isUpperCase(t.charAt(0)) && !sentenceStart && !"I".equals(t);
            if (allCaps || inner || capital) {
                out.add(t);
            }
        }
        return out;
    }
}
