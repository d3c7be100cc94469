package io.docqa.ingest.extract;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.GlossaryRepository;
import io.docqa.corpus.GlossaryRepository.Link;
import io.docqa.corpus.GlossaryRepository.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extractors of the contracts pipeline, run on a document's text and its stored chunks:
 * defined terms ({@code "Term" means …}, {@code "Term" shall mean …}, {@code (the "Term")}) for the
 * per-document glossary, and cross-references ({@code Section 12.3}, {@code Exhibit B}) as links from the
 * mentioning chunk to the chunk where the referenced clause starts.
 */
public final class ContractExtractors {

    private static final String Q_OPEN = "[\"“]";
    private static final String Q_CLOSE = "[\"”]";
    private static final String TERM = "([\\p{Lu}][^\"“”\\n]{0,80}?)";
    /** "Term" means … / "Term" shall mean … / "Term" has the meaning … up to the end of the sentence. */
    private static final Pattern MEANS = Pattern.compile(Q_OPEN + TERM + Q_CLOSE
            + "\\s+(?:means|shall mean|has the meaning|shall have the meaning)\\b");
    /** (the "Term"), ("Term"), (each a "Term"), (together the "Terms"). */
    private static final Pattern NAMED = Pattern.compile("\\((?:(?:the|each a|each an|together the|collectively the|hereinafter)\\s+)?"
            + Q_OPEN + TERM + Q_CLOSE + "\\)");
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(Article|Section|Clause|Schedule|Exhibit|Annex|Appendix)\\s+(\\d{1,3}(?:\\.\\d{1,3})*|[A-Z])\\b(?!\\.\\d)");
    private static final String PATH_SEPARATOR = " › ";

    private ContractExtractors() {
    }

    /** Defined terms, first definition of each term winning, with the sentence that defines it. */
    public static List<Term> definedTerms(String text, List<Chunk> chunks) {
        Map<String, Term> out = new LinkedHashMap<>();
        List<int[]> found = new ArrayList<>();
        collect(MEANS.matcher(text), found);
        collect(NAMED.matcher(text), found);
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] f : found) {
            String term = text.substring(f[1], f[2]).strip();
            if (term.isEmpty() || term.length() > GlossaryRepository.TERM_MAX_LENGTH) {
                continue;
            }
            int[] sentence = sentenceAround(text, f[0]);
            String definition = text.substring(sentence[0], sentence[1]).replaceAll("\\s+", " ").strip();
            out.putIfAbsent(term.toLowerCase(Locale.ROOT), new Term(term, definition, chunkAt(chunks, f[0]),
                    sentence[0], sentence[1]));
        }
        return List.copyOf(out.values());
    }

    private static void collect(Matcher m, List<int[]> found) {
        while (m.find()) {
            found.add(new int[] {m.start(), m.start(1), m.end(1)});
        }
    }

    /**
     * Cross-references: a mention of "Section 3.2" links to the first chunk whose own heading (last element of
     * its heading path) is that clause: "3.2 …", "Section 3.2 …" or "Article 3.2 …". Mentions inside the target
     * itself are not links.
     */
    public static List<Link> crossReferences(List<Chunk> chunks) {
        List<Link> out = new ArrayList<>();
        for (Chunk source : chunks) {
            Matcher m = REFERENCE.matcher(source.text());
            while (m.find()) {
                String label = m.group(1) + " " + m.group(2);
                Chunk target = target(chunks, m.group(1), m.group(2));
                if (target != null && target.id() != source.id()
                        && out.stream().noneMatch(l -> l.sourceChunkId() == source.id() && l.label().equals(label))) {
                    out.add(new Link(source.id(), target.id(), label));
                }
            }
        }
        return out;
    }

    private static Chunk target(List<Chunk> chunks, String kind, String number) {
        Pattern own = Pattern.compile("^(?:(?:Article|Section|Clause|Schedule|Exhibit|Annex|Appendix|ARTICLE|SECTION|CLAUSE"
                + "|SCHEDULE|EXHIBIT|ANNEX|APPENDIX)\\s+)?" + Pattern.quote(number) + "(?![\\d.]\\d)\\b.*", Pattern.DOTALL);
        boolean numeric = Character.isDigit(number.charAt(0));
        for (Chunk c : chunks) {
            if (c.headingPath() == null) {
                continue;
            }
            String path = c.headingPath();
            int sep = path.lastIndexOf(PATH_SEPARATOR);
            String last = (sep < 0 ? path : path.substring(sep + PATH_SEPARATOR.length())).strip();
            // letters ("Exhibit B") need their label, numbers ("3.2") may stand alone
            boolean labelled = last.toLowerCase(Locale.ROOT).startsWith(kind.toLowerCase(Locale.ROOT) + " ");
            if (own.matcher(last).matches() && (numeric || labelled)) {
                return c;
            }
        }
        return null;
    }

    private static Long chunkAt(List<Chunk> chunks, int offset) {
        for (Chunk c : chunks) {
            if (c.startOffset() <= offset && offset < c.endOffset()) {
                return c.id();
            }
        }
        return null;
    }

    /** The sentence holding {@code offset}: from after the previous ". " or blank line to the next ". " or end. */
    private static int[] sentenceAround(String text, int offset) {
        int start = offset;
        while (start > 0) {
            char c = text.charAt(start - 1);
            if (c == '\n' || (start >= 2 && (text.charAt(start - 2) == '.' || text.charAt(start - 2) == ';') && c == ' ')) {
                break;
            }
            start--;
        }
        int end = offset;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '\n') {
                break;
            }
            end++;
            if ((c == '.' || c == ';') && (end == text.length() || Character.isWhitespace(text.charAt(end)))) {
                break;
            }
        }
        return new int[] {start, end};
    }
}
