package io.docqa.retrieve.named;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises documents named in a question by their file names. A name such as {@code LGPL-2.1.txt},
 * {@code Acme MSA v2.pdf} or {@code Apache-2.0.txt} becomes a family (its words: {@code lgpl}; {@code acme msa};
 * {@code apache}) and an optional version ({@code 2.1}, {@code 2}, {@code 2}). A question names the document when it
 * contains every family word, written as a name (capitalised, or followed by a version: "the Apache licence",
 * "GPLv3", "LGPL 2.1", "version 2.0 of the MPL"), or as the initials of capitalised words ("Mozilla Public
 * License" for MPL, "GNU Lesser General Public License" for LGPL). When the question gives a version, only the
 * document of that version is named ("2" and "2.0" are the same version); a family named with a version that no
 * document has is reported as missing ("MPL 3.0" among MPL 1.1 and 2.0).
 */
public final class DocumentMentions {

    /**
     * What a question names: documents by id, family-and-version mentions no document matches (as the question
     * wrote them), the question without the words that named the documents ({@code rest}: what to look for inside
     * them), and the other versions of the named families ({@code siblings}: what the question did not ask about).
     */
    public record Named(Set<Long> documentIds, List<String> missing, String rest, Set<Long> siblings) {
        public static final Named NONE = new Named(Set.of(), List.of(), null, Set.of());

        public boolean any() {
            return !documentIds.isEmpty();
        }
    }

    /** A document's name split into family words and version (null when the name has none). */
    record NameKey(List<String> family, String version) {
    }

    private static final Pattern EXTENSION = Pattern.compile("(\\.[a-z]{2}(-[a-z]{2})?)?\\.[a-z][a-z0-9]{1,4}$");
    /** A word (letters, then letters or digits) or a number with dotted parts, in names and questions alike. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}][\\p{L}0-9]*|\\d+(?:\\.\\d+)*");
    private static final Pattern GLUED_VERSION = Pattern.compile("([\\p{L}]{2,}?)v?(\\d+(?:\\.\\d+)*)");
    private static final Set<String> VERSION_WORDS = Set.of("version", "v", "ver", "release", "rev", "revision", "licence",
            "license", "edition");
    /** Words that never make a document's family on their own (too common to name anything). */
    private static final Set<String> FILLER = Set.of("the", "a", "an", "of", "and", "en", "de", "fr", "final", "copy",
            "draft", "doc", "document", "file", "index", "readme", "new", "old");

    private DocumentMentions() {
    }

    /** The family and version of a document name, or null when the name has no usable family. */
    static NameKey key(String documentName) {
        String stem = EXTENSION.matcher(documentName.toLowerCase(Locale.ROOT).strip()).replaceFirst("");
        List<String> family = new ArrayList<>();
        String version = null;
        Matcher m = TOKEN.matcher(stem);
        while (m.find()) {
            String t = m.group();
            if (Character.isDigit(t.charAt(0))) {
                version = version == null ? normaliseVersion(t) : version;
            } else if (t.length() > 1 && t.matches("v\\d.*")) {
                version = version == null ? normaliseVersion(t.substring(1)) : version;
            } else if (!FILLER.contains(t)) {
                family.add(t);
            }
        }
        return family.isEmpty() ? null : new NameKey(List.copyOf(family), version);
    }

    /** A family of document names and its members (id and version, "" for none). */
    record Family(List<String> words, Map<Long, String> members) {
    }

    /**
     * The document names of a search scope prepared for matching: families by their first word, and every family
     * word. Built once per scope and reused, so that a question costs a look-up per word, not a pass over all names.
     */
    public record Catalog(Map<String, List<Family>> byFirstWord, Set<String> familyWords) {
        public static final Catalog EMPTY = new Catalog(Map.of(), Set.of());
    }

    public static Catalog catalog(Map<Long, String> documents) {
        Map<List<String>, Map<Long, String>> families = new java.util.LinkedHashMap<>();
        documents.forEach((id, name) -> {
            NameKey k = key(name);
            if (k != null) {
                families.computeIfAbsent(k.family(), f -> new java.util.LinkedHashMap<>())
                        .put(id, k.version() == null ? "" : k.version());
            }
        });
        Map<String, List<Family>> byFirstWord = new java.util.HashMap<>();
        Set<String> words = new java.util.HashSet<>();
        families.forEach((w, members) -> {
            byFirstWord.computeIfAbsent(w.get(0), x -> new ArrayList<>()).add(new Family(w, Map.copyOf(members)));
            words.addAll(w);
        });
        return new Catalog(Map.copyOf(byFirstWord), Set.copyOf(words));
    }

    /** The documents (id → name) that the question names. */
    public static Named find(String question, Map<Long, String> documents) {
        return find(question, catalog(documents));
    }

    /** The documents of the catalogue that the question names. */
    public static Named find(String question, Catalog catalog) {
        if (catalog.byFirstWord().isEmpty()) {
            return Named.NONE;
        }
        List<Token> tokens = tokens(question, catalog.familyWords());
        Set<Long> named = new LinkedHashSet<>();
        Set<Long> relatives = new LinkedHashSet<>();
        List<int[]> spans = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<Family> candidates = new LinkedHashSet<>();
        tokens.forEach(t -> candidates.addAll(catalog.byFirstWord().getOrDefault(t.text(), List.of())));
        for (Family family : candidates) {
            List<String> words = family.words();
            int at = mentionEnd(tokens, words);
            if (at < 0) {
                continue;
            }
            String asked = versionAfter(tokens, at);
            int last = asked == null ? at - 1 : versionIndex(tokens, at);
            int first = at - words.size();
            int before = asked == null ? versionBefore(tokens, tokens.get(first).start()) : -1;
            if (before >= 0) { // "version 4 of the GNU General Public License"
                asked = tokens.get(before + 1).text();
            }
            boolean namedHere = false;
            for (var e : family.members().entrySet()) {
                relatives.add(e.getKey());
                if (asked == null || e.getValue().isEmpty() || asked.equals(e.getValue())) {
                    named.add(e.getKey());
                    namedHere = true;
                }
            }
            int from = before >= 0 ? tokens.get(before).start() : tokens.get(first).start();
            if (namedHere) {
                spans.add(new int[] {from, tokens.get(last).end()});
            }
            if (asked != null && !family.members().containsValue(asked) && !family.members().containsValue("")) {
                missing.add(question.substring(from, tokens.get(last).end()));
            }
        }
        StringBuilder rest = new StringBuilder(question);
        spans.sort((a, b) -> Integer.compare(b[0], a[0]));
        int cut = Integer.MAX_VALUE;
        for (int[] span : spans) { // from the end, so earlier offsets stay valid; overlapping spans are cut once
            if (span[1] <= cut) {
                rest.replace(span[0], span[1], " ");
                cut = span[0];
            }
        }
        relatives.removeAll(named);
        return new Named(Set.copyOf(named), List.copyOf(missing), rest.toString().replaceAll("\\s+", " ").strip(),
                Set.copyOf(relatives));
    }

    /**
     * A question word: lower-cased text, whether it was written as a name (capital letter or initials), and where it
     * stands in the question ([start, end); initials span the words they abbreviate).
     */
    record Token(String text, boolean nameLike, int start, int end) {
    }

    static List<Token> tokens(String question, Set<String> familyWords) {
        List<Token> out = new ArrayList<>();
        List<String> capitalRun = new ArrayList<>();
        List<Integer> runStarts = new ArrayList<>();
        Matcher m = TOKEN.matcher(question);
        while (m.find()) {
            String raw = m.group();
            String t = raw.toLowerCase(Locale.ROOT);
            boolean capital = Character.isUpperCase(raw.charAt(0));
            Matcher glued = GLUED_VERSION.matcher(t);
            if (!familyWords.contains(t) && glued.matches() && familyWords.contains(glued.group(1))) {
                out.add(new Token(glued.group(1), true, m.start(), m.end())); // GPLv3, gpl3
                out.add(new Token(normaliseVersion(glued.group(2)), false, m.start(), m.end()));
                capitalRun.clear();
                runStarts.clear();
                continue;
            }
            if (t.matches("v\\d+(?:\\.\\d+)*")) { // "v3", "v2.1": a version
                out.add(new Token(normaliseVersion(t.substring(1)), false, m.start(), m.end()));
                capitalRun.clear();
                runStarts.clear();
                continue;
            }
            if (capital && Character.isLetter(raw.charAt(0))) {
                capitalRun.add(t);
                runStarts.add(m.start());
                out.add(new Token(t, true, m.start(), m.end()));
                // "Mozilla Public License" → mpl; "GNU Lesser General Public License" → lgpl (the longest run only)
                List<String> in = initials(capitalRun);
                for (int from = 0; from < in.size(); from++) {
                    if (familyWords.contains(in.get(from))) {
                        out.add(new Token(in.get(from), true, runStarts.get(from), m.end()));
                        break;
                    }
                }
            } else {
                capitalRun.clear();
                runStarts.clear();
                out.add(new Token(Character.isDigit(t.charAt(0)) ? normaliseVersion(t) : t, false, m.start(), m.end()));
            }
        }
        return out;
    }

    /** Initials of every run of capitalised words ending at the last one (2 or more words). */
    private static List<String> initials(List<String> run) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from + 1 < run.size(); from++) {
            StringBuilder b = new StringBuilder();
            run.subList(from, run.size()).forEach(w -> b.append(w.charAt(0)));
            out.add(b.toString());
        }
        return out;
    }

    /** Index of the token after the family's words (consecutive, all written as names), or -1. */
    private static int mentionEnd(List<Token> tokens, List<String> words) {
        for (int i = 0; i + words.size() <= tokens.size(); i++) {
            boolean all = true;
            boolean nameLike = false;
            for (int j = 0; j < words.size() && all; j++) {
                Token t = tokens.get(i + j);
                all = t.text().equals(words.get(j));
                nameLike |= t.nameLike();
            }
            int end = i + words.size();
            if (all && (nameLike || versionAfter(tokens, end) != null)) {
                return end;
            }
        }
        return -1;
    }

    /** Index of the version token {@link #versionAfter} found. */
    private static int versionIndex(List<Token> tokens, int at) {
        for (int i = at; i < tokens.size(); i++) {
            if (Character.isDigit(tokens.get(i).text().charAt(0))) {
                return i;
            }
        }
        return at - 1;
    }

    /**
     * The version written right after a mention ("GPL 3", "Apache License, Version 2.0", "MPL v1.1", "Apache Software
     * License 1.1"), or null.
     */
    private static String versionAfter(List<Token> tokens, int at) {
        for (int i = at; i < Math.min(tokens.size(), at + 4); i++) {
            Token t = tokens.get(i);
            if (Character.isDigit(t.text().charAt(0))) {
                return t.text();
            }
            if (!VERSION_WORDS.contains(t.text()) && !t.nameLike()) {
                return null;
            }
        }
        return null;
    }

    /** Words that say a version comes next, as in "version 2 of the MPL" (not "licence", which names the document). */
    private static final Set<String> VERSION_FIRST = Set.of("version", "v", "ver", "release", "rev", "revision", "edition");

    /**
     * Index of the version word of "version N of [the] ..." ending right before the mention that starts at
     * {@code mentionStart} (a character offset: initials stand after the words they abbreviate), or -1. Up to two
     * capitalised words may stand between "the" and the mention ("version 4 of the GNU General Public License").
     */
    private static int versionBefore(List<Token> tokens, int mentionStart) {
        int i = -1;
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k).end() <= mentionStart) {
                i = k;
            }
        }
        for (int skipped = 0; i >= 0 && skipped < 2 && tokens.get(i).nameLike(); skipped++) {
            i--;
        }
        if (i >= 0 && tokens.get(i).text().equals("the")) {
            i--;
        }
        if (i < 2 || !tokens.get(i).text().equals("of") || !Character.isDigit(tokens.get(i - 1).text().charAt(0))
                || !VERSION_FIRST.contains(tokens.get(i - 2).text())) {
            return -1;
        }
        return i - 2;
    }

    /** "2.0" and "2" are the same version; "2.1" stays. */
    static String normaliseVersion(String v) {
        String out = v;
        while (out.endsWith(".0")) {
            out = out.substring(0, out.length() - 2);
        }
        return out;
    }
}
