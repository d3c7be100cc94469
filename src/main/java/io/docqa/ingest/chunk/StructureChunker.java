package io.docqa.ingest.chunk;

import io.docqa.corpus.Sentences;
import io.docqa.ingest.config.IngestConfig;
import io.docqa.ingest.parse.Block;
import io.docqa.ingest.parse.ParsedDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * Chunks along the document's structure: a heading or a page break starts a new chunk, and headings set the
 * heading path; inside a section, sentences are packed up to {@code maxChars}, preferring to end at a block (paragraph, list item,
 * table) boundary, and the next chunk repeats up to {@code overlapChars} of whole sentences. A chunk's text is
 * always an exact substring of the document text, so its offsets locate it. A table that fits stays whole in one
 * chunk; a larger one is split by rows, and each later part carries the header row as its {@code context}.
 * A definition list's term (an option, a variable, a builtin) starts a new chunk once the chunk has at least a
 * quarter of {@code maxChars}, so that a chunk describes few terms rather than the end of one and the start of the
 * next. A chunk carries as its {@code context} the terms it is described under but does not hold itself: the term
 * of a description that runs over several chunks, and the outer term of a nested list ({@code declare} for the
 * chunk starting at its option {@code -n}).
 */
@ApplicationScoped
public class StructureChunker implements Chunker {

    static final String PATH_SEPARATOR = " › ";

    private final int maxChars;
    private final int overlapChars;

    @Inject
    public StructureChunker(IngestConfig config) {
        this(config.chunking().maxChars(), config.chunking().overlapChars());
    }

    public StructureChunker(int maxChars, int overlapChars) {
        if (maxChars < 100 || overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("chunking needs max-chars >= 100 and 0 <= overlap-chars < max-chars/2");
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    /** A piece of text that is never split further unless it alone exceeds maxChars. */
    private record Unit(int start, int end, boolean endsBlock, String tableHeader, Term term) {
        Unit(int start, int end, boolean endsBlock) {
            this(start, end, endsBlock, null, null);
        }

        Unit withTerm(Term t) {
            return new Unit(start, end, endsBlock, tableHeader, t);
        }
    }

    /**
     * The definition-list term a unit's text describes, where the term stands in the document text, and the term of
     * the list it is nested in (a builtin's option: {@code declare} › {@code -n}), or null.
     */
    private record Term(String text, int start, Term outer) {

        /** The terms (outermost first) that stand before {@code chunkStart}, i.e. are not in the chunk's own text. */
        String before(int chunkStart) {
            String rest = outer == null ? null : outer.before(chunkStart);
            if (start >= chunkStart) {
                return rest;
            }
            return rest == null ? text : rest + PATH_SEPARATOR + text;
        }
    }

    /** Longest term carried as context to the later chunks of its description. */
    static final int MAX_TERM_CONTEXT = 120;

    @Override
    public List<ChunkDraft> chunk(ParsedDocument doc) {
        List<ChunkDraft> out = new ArrayList<>();
        String[] headings = new String[7];
        String path = "";
        int sectionStart = -1;
        int page = -1;
        List<Unit> units = new ArrayList<>();
        Term term = null;
        Term[] terms = new Term[7];
        for (Block block : doc.blocks()) {
            if (block.isHeading()) {
                term = null;
                Arrays.fill(terms, null);
                if (!units.isEmpty()) {
                    pack(doc, sectionStart, units, path, out);
                    units.clear();
                    sectionStart = -1;
                }
                headings[block.level()] = doc.text().substring(block.start(), block.end());
                for (int l = block.level() + 1; l < headings.length; l++) {
                    headings[l] = null;
                }
                path = join(headings);
                if (sectionStart < 0) {
                    sectionStart = block.start();
                }
            } else {
                if (!units.isEmpty() && block.page() != page) {
                    // a page break ends a chunk, so that every chunk cites exactly one page
                    pack(doc, sectionStart, units, path, out);
                    units.clear();
                    sectionStart = -1;
                }
                if (block.kind() == Block.Kind.TERM) {
                    int from = sectionStart >= 0 ? sectionStart : units.isEmpty() ? block.start() : units.get(0).start();
                    if (!units.isEmpty() && units.get(units.size() - 1).end() - from >= maxChars / 4) {
                        // a new term: the chunk so far is full enough to stand alone
                        pack(doc, sectionStart, units, path, out);
                        units.clear();
                        sectionStart = -1;
                    }
                    String t = doc.text().substring(block.start(), block.end());
                    int level = Math.max(1, Math.min(6, block.level()));
                    Term outer = null;
                    for (int l = level - 1; l >= 1 && outer == null; l--) {
                        outer = terms[l];
                    }
                    Arrays.fill(terms, level, terms.length, null);
                    terms[level] = t.length() <= MAX_TERM_CONTEXT ? new Term(t, block.start(), outer) : null;
                    term = terms[level] != null ? terms[level] : outer;
                }
                page = block.page();
                for (Unit u : unitsOf(doc.text(), block)) {
                    units.add(u.withTerm(term));
                }
            }
        }
        if (!units.isEmpty()) {
            pack(doc, sectionStart, units, path, out);
        } else if (sectionStart >= 0) {
            // a document that ends with headings only: keep them searchable
            int end = doc.blocks().get(doc.blocks().size() - 1).end();
            out.add(draft(doc, out.size(), sectionStart, end, path));
        }
        return out;
    }

    /** Packs a section's units into chunks; {@code headingStart} (or -1) is where the section's headings begin. */
    private void pack(ParsedDocument doc, int headingStart, List<Unit> units, String path, List<ChunkDraft> out) {
        int i = 0;
        int n = units.size();
        while (i < n) {
            int start = i == 0 && headingStart >= 0 ? headingStart : units.get(i).start();
            int j = i;
            while (j + 1 < n && units.get(j + 1).end() - start <= maxChars) {
                j++;
            }
            if (j + 1 < n) {
                // prefer a block boundary when it keeps the chunk at least half full
                for (int k = j; k > i; k--) {
                    if (units.get(k).endsBlock() && units.get(k).end() - start >= maxChars / 2) {
                        j = k;
                        break;
                    }
                }
            }
            String context = units.get(i).tableHeader(); // a table split by rows repeats its header row
            Term term = units.get(i).term();
            if (context == null && term != null) {
                context = term.before(start); // the later part of a term's description, an option of a builtin
            }
            out.add(draft(doc, out.size(), start, units.get(j).end(), path, context));
            if (j + 1 >= n) {
                break;
            }
            int next = j + 1;
            for (int k = i + 1; k <= j; k++) {
                if (units.get(j).end() - units.get(k).start() <= overlapChars) {
                    next = k;
                    break;
                }
            }
            i = next;
        }
    }

    private List<Unit> unitsOf(String text, Block block) {
        List<Unit> units = new ArrayList<>();
        if (block.end() - block.start() <= maxChars) {
            // short blocks stay whole; sentences still allow overlap inside them
            List<int[]> sentences = block.kind() == Block.Kind.TABLE
                    ? List.of(new int[] {block.start(), block.end()})
                    : Sentences.ranges(text, block.start(), block.end());
            addAll(units, sentences, block.end());
            return units;
        }
        List<int[]> pieces = block.kind() == Block.Kind.TABLE
                ? lines(text, block.start(), block.end())
                : Sentences.ranges(text, block.start(), block.end());
        List<int[]> bounded = new ArrayList<>();
        for (int[] p : pieces) {
            splitLong(text, p[0], p[1], bounded);
        }
        addAll(units, bounded, block.end());
        if (block.kind() == Block.Kind.TABLE && !pieces.isEmpty()) {
            int[] header = pieces.get(0);
            String headerRow = text.substring(header[0], header[1]);
            for (int k = 0; k < units.size(); k++) {
                Unit u = units.get(k);
                if (u.start() >= header[1]) {
                    units.set(k, new Unit(u.start(), u.end(), u.endsBlock(), headerRow, null));
                }
            }
        }
        return units;
    }

    private static void addAll(List<Unit> units, List<int[]> ranges, int blockEnd) {
        for (int k = 0; k < ranges.size(); k++) {
            int[] r = ranges.get(k);
            units.add(new Unit(r[0], r[1], k == ranges.size() - 1 || r[1] >= blockEnd));
        }
    }

    private static List<int[]> lines(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int s = from;
        for (int k = from; k <= to; k++) {
            if (k == to || text.charAt(k) == '\n') {
                if (k > s) {
                    out.add(new int[] {s, k});
                }
                s = k + 1;
            }
        }
        return out;
    }

    /** Splits a sentence longer than maxChars at whitespace (or hard, for text without spaces). */
    private void splitLong(String text, int from, int to, List<int[]> out) {
        int s = from;
        while (to - s > maxChars) {
            int cut = s + maxChars;
            int space = text.lastIndexOf(' ', cut);
            if (space > s + maxChars / 2) {
                cut = space;
            }
            out.add(new int[] {s, cut});
            s = cut;
            while (s < to && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
        }
        if (to > s) {
            out.add(new int[] {s, to});
        }
    }

    private static ChunkDraft draft(ParsedDocument doc, int ordinal, int start, int end, String path) {
        return draft(doc, ordinal, start, end, path, null);
    }

    private static ChunkDraft draft(ParsedDocument doc, int ordinal, int start, int end, String path, String context) {
        return new ChunkDraft(ordinal, start, end, doc.text().substring(start, end), path.isEmpty() ? null : path,
                doc.pageAt(start), doc.pageAt(Math.max(start, end - 1)), context);
    }

    private static String join(String[] headings) {
        StringJoiner j = new StringJoiner(PATH_SEPARATOR);
        for (String h : headings) {
            if (h != null) {
                j.add(h);
            }
        }
        return j.toString();
    }
}
