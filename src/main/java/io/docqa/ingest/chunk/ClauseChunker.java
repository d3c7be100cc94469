package io.docqa.ingest.chunk;

import io.docqa.ingest.parse.Block;
import io.docqa.ingest.parse.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chunks contracts by clause. Contracts often reach us as PDFs where Tika sees no headings, only paragraphs; the
 * clause structure is in the numbering. Paragraphs that start with "Article 7", "Section 3", "Clause 2",
 * "Schedule 1", "Exhibit B", "Annex 2", "Appendix C" or with a clause number (1., 1.1, 1.1.1, (a), (i)) become
 * headings — the number with its short title ("7.2 Termination for convenience") — so every clause starts its
 * own chunk and carries the path of the clauses above it ("Article 7 Termination › 7.2 Termination for
 * convenience"). Offsets stay exact: a heading is the leading part of its paragraph, the rest stays a paragraph.
 */
public class ClauseChunker implements Chunker {

    private static final Pattern LABELLED = Pattern.compile(
            "^(?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause|SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix)"
                    + "\\s+(?:\\d+(?:\\.\\d+)*|[A-Z]|[IVXLC]+)\\b[.:]?");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){0,4})(\\.?)(?=\\s)");
    private static final Pattern LETTERED = Pattern.compile("^\\(([a-z]{1,2}|[ivx]{1,5})\\)(?=\\s)");
    private static final Pattern ROMAN = Pattern.compile("[ivx]+");
    /** A short title after the number ends with a period and is followed by the clause text. */
    private static final int MAX_TITLE_WORDS = 6;
    private static final int MAX_HEADING_LINE = 90;

    private final StructureChunker structure;

    public ClauseChunker(int maxChars, int overlapChars) {
        this.structure = new StructureChunker(maxChars, overlapChars);
    }

    @Override
    public List<ChunkDraft> chunk(ParsedDocument document) {
        return structure.chunk(withClauseHeadings(document));
    }

    /** The document with clause numbers and labelled parts turned into heading blocks. */
    public static ParsedDocument withClauseHeadings(ParsedDocument doc) {
        List<Block> out = new ArrayList<>(doc.blocks().size());
        String lastLetter = null;
        for (Block b : doc.blocks()) {
            if (b.kind() != Block.Kind.PARAGRAPH && b.kind() != Block.Kind.LIST_ITEM && b.kind() != Block.Kind.TERM) {
                out.add(b);
                continue;
            }
            String t = doc.text().substring(b.start(), b.end());
            Matcher labelled = LABELLED.matcher(t);
            Matcher numbered = NUMBERED.matcher(t);
            Matcher lettered = LETTERED.matcher(t);
            int level;
            int numberEnd;
            if (labelled.find()) {
                level = 1;
                numberEnd = labelled.end();
            } else if (numbered.find()) {
                String number = numbered.group(1);
                level = number.split("\\.").length;
                numberEnd = numbered.end();
                if (level == 1 && numbered.group(2).isEmpty() && !t.matches("(?s)^\\d+\\s+\\p{Lu}.*")) {
                    out.add(b); // "12 months ..." is a sentence, not clause 12
                    continue;
                }
            } else if (lettered.find()) {
                String mark = lettered.group(1);
                boolean roman = ROMAN.matcher(mark).matches() && !(mark.equals("i") && "h".equals(lastLetter))
                        && !(mark.equals("v") && "u".equals(lastLetter)) && !(mark.equals("x") && "w".equals(lastLetter));
                level = roman ? 5 : 4;
                if (!roman) {
                    lastLetter = mark;
                }
                numberEnd = lettered.end();
            } else {
                out.add(b);
                continue;
            }
            int headingEnd = headingEnd(t, numberEnd);
            if (headingEnd >= t.length()) {
                out.add(new Block(Block.Kind.HEADING, level, b.start(), b.end(), b.page()));
                continue;
            }
            out.add(new Block(Block.Kind.HEADING, level, b.start(), b.start() + headingEnd, b.page()));
            int rest = headingEnd;
            while (rest < t.length() && (Character.isWhitespace(t.charAt(rest)) || t.charAt(rest) == '.' || t.charAt(rest) == ':')) {
                rest++;
            }
            if (rest < t.length()) {
                out.add(new Block(b.kind(), 0, b.start() + rest, b.end(), b.page()));
            }
        }
        return new ParsedDocument(doc.contentType(), doc.text(), List.copyOf(out), doc.pageStarts());
    }

    /**
     * Where the heading part of a clause paragraph ends: the whole paragraph when it is a short heading line
     * ("Article 2 Delivery"), the number and its title when a short title ends with a period and text follows
     * ("2.2 Late delivery. If the ..."), otherwise just the number.
     */
    private static int headingEnd(String t, int numberEnd) {
        String after = t.substring(numberEnd);
        boolean sentence = after.strip().endsWith(".") || after.contains(". ");
        if (t.length() <= MAX_HEADING_LINE && !sentence && !after.contains("\"") && !after.contains("“")) {
            return t.length();
        }
        int period = after.indexOf(". ");
        if (period > 0) {
            String title = after.substring(0, period).strip();
            int words = title.isEmpty() ? 0 : title.split("\\s+").length;
            if (words > 0 && words <= MAX_TITLE_WORDS && Character.isUpperCase(title.charAt(0))
                    && !title.contains("\"") && !title.contains("“")) {
                return numberEnd + period;
            }
        }
        int end = numberEnd;
        while (end > 0 && t.charAt(end - 1) == '.') {
            end--;
        }
        return end;
    }
}
