package io.docqa.answer;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.answer.text.SectionNumbers;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.answer.text.Terms;
import io.docqa.retrieve.bm25.Bm25Retriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.docqa.retrieve.named.NamedDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a question names that the documents searched do not have, so that DocQA says so instead of answering
 * from a neighbouring passage: a version of a named document that is not there ("MPL 3.0" beside MPL 1.1 and 2.0),
 * a section number the (named) documents do not carry ("section 19 of GPLv2", "question 7.42"), or a specific name
 * that occurs nowhere in them (a product, an acronym, a setting, a release: "PowerShell", "EUPL", "HISTFILE_MAX",
 * {@code shopt -s autopushd}, "Debian 14", "dselect"). Ordinary words never count: users paraphrase.
 */
@ApplicationScoped
public class MissingTargets {

    /** Words written as names: capitalised inside a sentence, all capitals, or with inner capitals, digits or '_'. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}0-9_]*(?:-[\\p{L}0-9_]+)*");
    private static final Pattern CODE = Pattern.compile("`([^`]{1,200})`");
    private static final Pattern OPTION_NAME = Pattern.compile("(?:^|\\s)[-+][a-zA-Z]{1,2}\\s+([a-z][a-z0-9_]{3,})");

    /** A reference to an item of a numbered section: "section 7(g)", "clause 4(b)", "§ 3.2(c)", "article 28(3)". */
    private static final Pattern SUB_ITEM = Pattern.compile(
            "(?i)(?:\\b(?:section|sections|clause|article|paragraph)|§)\\s*(\\d+(?:\\.\\d+)*)\\(([a-z]|\\d{1,2})\\)");

    private final NamedDocuments named;
    private final Bm25Retriever bm25;
    private final ChunkRepository chunks;

    public MissingTargets(NamedDocuments named, Bm25Retriever bm25, ChunkRepository chunks) {
        this.named = named;
        this.bm25 = bm25;
        this.chunks = chunks;
    }

    /** What the question names that the scope lacks, as a sentence for the user; empty when nothing is missing. */
    public Optional<String> find(String question, AccessScope scope, List<Long> documentIds) {
        if (question == null || question.isBlank()) {
            return Optional.empty();
        }
        Named mentioned = named.find(scope, question);
        if (!mentioned.any() && !mentioned.missing().isEmpty()) {
            return Optional.of("The documents do not include " + String.join(", ", mentioned.missing()) + ".");
        }
        List<Long> narrowed = documentIds;
        if (mentioned.any()) {
            narrowed = mentioned.documentIds().stream().filter(id -> documentIds == null || documentIds.contains(id))
                    .sorted().toList();
        }
        RetrievalQuery inNamed = new RetrievalQuery(question, 1, narrowed);
        for (String section : SectionNumbers.sections(question)) {
            if (!bm25.mentions(section, true, scope, inNamed)) {
                return Optional.of("The " + (mentioned.any() ? "named document has" : "documents have") + " no section "
                        + section + ".");
            }
        }
        if (mentioned.any()) {
            Optional<String> item = missingItem(question, narrowed);
            if (item.isPresent()) {
                return item;
            }
        }
        RetrievalQuery all = new RetrievalQuery(question, 1, documentIds);
        for (Target target : names(question)) {
            Named itself = named.find(scope, target.shown());
            if (itself.any()) {
                // a document's own name ("GPLv3", "LGPL 2.1") need not occur in its text, but a version asked of a
                // document whose name has none ("Artistic License 2.0" beside "Artistic.txt") must be in its text
                if (target.number() != null && !versionIn(target.number(), scope, itself.documentIds(), documentIds)) {
                    return Optional.of("The documents do not mention \u201c" + target.shown() + "\u201d.");
                }
                continue;
            }
            boolean present = target.isPhrase() ? bm25.mentionsPhrase(target.shown(), PHRASE_SLOP, scope, all)
                    : bm25.mentions(target.words(), false, scope, all) || bm25.mentions(target.words(), true, scope, all);
            if (!present) {
                return Optional.of("The documents do not mention \u201c" + target.shown() + "\u201d.");
            }
        }
        return Optional.empty();
    }

    /**
     * An item of a section the named documents do carry, asked by a letter or number the section's list does not
     * reach: "section 7(g)" of a licence whose section 7 lists a) to f). Read from the passages under the section's
     * heading (a heading of the path starting with its number); only a section that lists items of the same kind
     * from the first ("a)" or "(a)", "1)" or "(1)") can lack one, so prose or an unrecognised layout never abstains.
     */
    private Optional<String> missingItem(String question, List<Long> namedIds) {
        Matcher m = SUB_ITEM.matcher(question);
        java.util.Map<Long, List<Chunk>> byDocument = new java.util.HashMap<>(); // read once per question
        while (m.find()) {
            String section = m.group(1);
            String item = m.group(2).toLowerCase(java.util.Locale.ROOT);
            Pattern heading = Pattern.compile("^" + Pattern.quote(section) + "(?![\\d]|\\.\\d)");
            StringBuilder text = new StringBuilder();
            for (long id : namedIds) {
                List<Chunk> all = byDocument.computeIfAbsent(id, chunks::findByReadyDocument);
                StringBuilder whole = new StringBuilder();
                boolean headed = false;
                for (Chunk c : all) {
                    if (c.headingPath() != null && java.util.Arrays.stream(c.headingPath().split(" › | > "))
                            .anyMatch(h -> heading.matcher(h.strip()).find())) {
                        text.append(c.headingPath()).append('\n').append(c.text()).append('\n');
                        headed = true;
                    }
                    whole.append(c.text()).append('\n');
                }
                if (!headed) {
                    text.append(sectionInText(whole, section)); // a document chunked without clause headings
                }
            }
            String first = Character.isDigit(item.charAt(0)) ? "1" : "a";
            if (!text.isEmpty() && itemMarker(first).matcher(text).find() && !itemMarker(item).matcher(text).find()) {
                return Optional.of("The named document's section " + section + " has no item (" + item + ").");
            }
        }
        return Optional.empty();
    }

    /**
     * The text of section {@code number} in a document's text: from a line opening with the number ("2. Conditions.")
     * to the next line opening with a number and a capitalised word; empty when no line opens with it.
     */
    static String sectionInText(CharSequence text, String number) {
        Matcher start = Pattern.compile("(?m)^\\s*" + Pattern.quote(number) + "(?![\\d]|\\.\\d)[.)]?\\s").matcher(text);
        if (!start.find()) {
            return "";
        }
        Matcher next = NUMBERED_LINE.matcher(text);
        int end = next.find(start.end()) ? next.start() : text.length();
        return text.subSequence(start.start(), end).toString();
    }

    /** A line opening with a section number and a capitalised word: where the next section starts. */
    private static final Pattern NUMBERED_LINE = Pattern.compile("(?m)^\\s*\\d+(?:\\.\\d+)*[.)]?\\s+\\p{Lu}");

    /** An item's marker in a list: "(g)" or "g)" after a line start, a space or an opening parenthesis. */
    private static Pattern itemMarker(String item) {
        return Pattern.compile("(?im)(?:^|[\\s(])" + Pattern.quote(item) + "\\)");
    }

    /** Words of a name that may stand between its parts in the text ("Debian GNU/Linux 11" for "Debian 11"). */
    static final int PHRASE_SLOP = 2;

    /**
     * True when the named document(s) carry the version in their text: "2.0" as written, or "2" for "2.0" only as
     * "version 2" ("Version 2, June 1991"), since a bare "2" is as likely a clause number ("2. You may apply bug
     * fixes") as a version.
     */
    private boolean versionIn(String number, AccessScope scope, java.util.Set<Long> namedIds, List<Long> documentIds) {
        List<Long> ids = namedIds.stream().filter(id -> documentIds == null || documentIds.contains(id)).sorted().toList();
        if (ids.isEmpty()) {
            return true;
        }
        RetrievalQuery within = new RetrievalQuery(number, 1, ids);
        String shorter = number.replaceFirst("(\\.0)+$", "");
        return bm25.mentions(number, false, scope, within) || !shorter.equals(number)
                && bm25.mentionsPhrase(VERSION_WORD + " " + shorter, 0, scope, within);
    }

    /** The word a document states its own version with. */
    static final String VERSION_WORD = "version";

    /**
     * Something the question names: words that must occur together, with a number beside them (or null). A name of
     * several words, with a number or joined by hyphens is looked for as a phrase ("Secure Boot", "Debian 14",
     * "bullseye-backports"): its words scattered over a passage do not name it.
     */
    record Target(String words, String number, boolean fromCode) {
        Target(String words, String number) {
            this(words, number, false);
        }

        boolean isPhrase() {
            return number != null || words.contains(" ") || words.contains("-");
        }

        String shown() {
            return number == null ? words : words + " " + number;
        }
    }

    /**
     * What the question names specifically: option names inside code ({@code shopt -s autopushd}), runs of words
     * written as names (capitalised inside a sentence, all capitals, inner capitals or '_': "Secure Boot", "EUPL",
     * "HISTFILE_MAX") with the number that follows them ("Debian 14"), and rare technical words the embedding model's
     * vocabulary has to spell out in pieces ("dselect", "zparseopts").
     */
    static List<Target> names(String question) {
        List<Target> out = new ArrayList<>();
        Matcher code = CODE.matcher(question);
        while (code.find()) {
            Matcher o = OPTION_NAME.matcher(code.group(1));
            while (o.find()) {
                out.add(new Target(o.group(1), null, true));
            }
        }
        String plain = CODE.matcher(question).replaceAll(" . ");
        Matcher w = WORD.matcher(plain);
        List<String> run = new ArrayList<>();
        int runEnd = -1;
        while (w.find()) {
            String t = w.group();
            if (!run.isEmpty() && !plain.substring(runEnd, w.start()).equals(" ")) {
                out.add(new Target(String.join(" ", run), numberAfter(plain, runEnd)));
                run.clear();
            }
            if (isName(plain, w.start(), t)) {
                run.add(t);
                runEnd = w.end();
            } else {
                if (!run.isEmpty()) {
                    out.add(new Target(String.join(" ", run), numberAfter(plain, runEnd)));
                    run.clear();
                }
                if (isRare(t) || isCompound(t)) {
                    out.add(new Target(t, null));
                }
            }
        }
        if (!run.isEmpty()) {
            out.add(new Target(String.join(" ", run), numberAfter(plain, runEnd)));
        }
        return out;
    }

    private static final Pattern NUMBER_AFTER = Pattern.compile("^ (\\d+(?:\\.\\d+)*)\\b");

    private static String numberAfter(String text, int at) {
        Matcher m = NUMBER_AFTER.matcher(text.substring(at));
        return m.find() ? m.group(1) : null;
    }

    private static boolean isName(String text, int start, String t) {
        int before = start - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        boolean sentenceStart = before < 0 || ".?!:;\"'(“".indexOf(text.charAt(before)) >= 0;
        boolean allCaps = t.length() >= 2 && t.equals(t.toUpperCase(java.util.Locale.ROOT))
                && t.chars().anyMatch(Character::isLetter);
        boolean inner = t.chars().skip(1).anyMatch(Character::isUpperCase) || t.contains("_");
        boolean capital = Character.isUpperCase(t.charAt(0)) && !sentenceStart && !"I".equals(t);
        return allCaps || inner || capital;
    }

    /** Lower-case words joined by hyphens into one name ("bullseye-backports", "unattended-upgrades"). */
    private static boolean isCompound(String t) {
        return t.contains("-") && t.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-');
    }

    /**
     * A lower-case word of 5+ letters that the model's vocabulary spells in three or more pieces, its stem too: an
     * everyday word is often spelt in pieces only for its ending ("babysitting", "babysit" + "ting"), a name is not.
     */
    private static boolean isRare(String t) {
        return t.length() >= 5 && t.chars().allMatch(c -> c >= 'a' && c <= 'z') && PIECES.estimateTokenCountInText(t) >= 3
                && Terms.of(t).stream().allMatch(stem -> PIECES.estimateTokenCountInText(stem) >= 3);
    }

    private static final HuggingFaceTokenCountEstimator PIECES = new HuggingFaceTokenCountEstimator();
}
