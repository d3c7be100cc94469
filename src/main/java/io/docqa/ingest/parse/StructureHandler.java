package io.docqa.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tika's XHTML output into blocks (headings with level, paragraphs, list items, tables) with their page
 * and character offsets into the extracted text. Blocks are joined by a blank line.
 */
final class StructureHandler extends DefaultHandler {

    /** Thrown when a document's text exceeds the configured limit. */
    static final class TextLimitReached extends SAXException {
        TextLimitReached(int limit) {
            super("text limit of " + limit + " characters reached");
        }
    }

    private static final String SEPARATOR = "\n\n";
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int maxChars;
    private boolean plainText;
    private final StringBuilder text = new StringBuilder();
    private final List<Block> blocks = new ArrayList<>();
    private final List<Integer> pageStarts = new ArrayList<>();

    private final StringBuilder current = new StringBuilder();
    private Block.Kind currentKind = Block.Kind.PARAGRAPH;
    private int currentLevel;
    /** Open definition lists ({@code <dl>}): a term's level is how deep its list is nested. */
    private int listDepth;
    /** Open links ({@code <a>}). */
    private int linkDepth;
    /**
     * Whether the term being read has text outside links: a term that is only a link is an entry of a table of
     * contents (DocBook writes them as definition lists), read as a paragraph like other navigation.
     */
    private boolean termHasOwnText;
    private int ignoreDepth;
    private int tableDepth;
    private boolean rowHasCell;
    private boolean inPage;
    /** Open divs, true for those that hold an embedded document (ZIP member, e-mail attachment). */
    private final java.util.ArrayDeque<Boolean> divs = new java.util.ArrayDeque<>();
    private int embeddedDepth;
    private boolean nextHeadingNamesEmbedded;

    StructureHandler(int maxChars, boolean plainText) {
        this.maxChars = maxChars;
        this.plainText = plainText;
    }

    ParsedDocument result(String contentType, List<String> warnings) {
        return new ParsedDocument(contentType, text.toString(), List.copyOf(blocks),
                pageStarts.stream().mapToInt(Integer::intValue).toArray(), warnings);
    }

    /**
     * Switches plain-text reading ('#' lines are headings, blank lines end paragraphs) on or off for what follows,
     * e.g. for the duration of a Markdown member of a ZIP; returns the previous setting.
     */
    boolean plainText(boolean on) throws SAXException {
        flush();
        boolean before = plainText;
        plainText = on;
        return before;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        String name = localName.isEmpty() ? qName : localName;
        switch (name) {
            case "head", "script", "style", "title" -> ignoreDepth++;
            case "div" -> {
                String cls = atts.getValue("class");
                boolean embedded = "package-entry".equals(cls);
                divs.push(embedded);
                if (embedded) {
                    // Tika writes the embedded file's name as an <h1>: it becomes the heading of its section
                    flush();
                    embeddedDepth++;
                    nextHeadingNamesEmbedded = true;
                } else if ("page".equals(cls) && embeddedDepth == 0) {
                    flush();
                    inPage = true;
                    pageStarts.add(text.length());
                }
            }
            case "table" -> {
                if (tableDepth++ == 0) {
                    flush();
                    currentKind = Block.Kind.TABLE;
                }
            }
            case "tr" -> rowHasCell = false;
            case "td", "th" -> {
                if (rowHasCell) {
                    current.append(" | ");
                }
                rowHasCell = true;
            }
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                if (tableDepth == 0) {
                    flush();
                    currentKind = Block.Kind.HEADING;
                    int level = name.charAt(1) - '0';
                    // headings inside an embedded document sit below the heading naming it
                    currentLevel = nextHeadingNamesEmbedded ? Math.min(6, embeddedDepth)
                            : Math.min(6, level + embeddedDepth);
                    nextHeadingNamesEmbedded = false;
                }
            }
            case "li" -> startBlock(Block.Kind.LIST_ITEM);
            case "dl" -> listDepth++;
            case "a" -> linkDepth++;
            case "dt" -> {
                startBlock(Block.Kind.TERM);
                termHasOwnText = false;
                if (tableDepth == 0) {
                    currentLevel = Math.max(1, Math.min(6, listDepth));
                }
            }
            case "p", "pre", "blockquote", "dd", "address" -> startBlock(Block.Kind.PARAGRAPH);
            case "br" -> current.append('\n');
            default -> {
                // inline element: its text joins the current block
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = localName.isEmpty() ? qName : localName;
        switch (name) {
            case "head", "script", "style", "title" -> ignoreDepth--;
            case "dl" -> listDepth = Math.max(0, listDepth - 1);
            case "a" -> linkDepth = Math.max(0, linkDepth - 1);
            case "div" -> {
                // a page ends where the next page starts; the outline after the last page is dropped (see flush)
                if (!divs.isEmpty() && divs.pop()) {
                    flush();
                    embeddedDepth--;
                    nextHeadingNamesEmbedded = false;
                }
            }
            case "table" -> {
                if (--tableDepth == 0) {
                    flush();
                }
            }
            case "tr" -> {
                if (tableDepth > 0) {
                    current.append('\n');
                }
            }
            case "td", "th" -> current.append(' ');
            case "h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "pre", "blockquote", "dd", "dt", "address" -> {
                if (tableDepth == 0) {
                    flush();
                } else {
                    current.append(' ');
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (ignoreDepth == 0) {
            appendRaw(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        // Tika reports line ends inside a paragraph (PDF lines, plain text) as ignorable whitespace
        if (ignoreDepth == 0) {
            appendRaw(ch, start, length);
        }
    }

    /** The limit applies while a block is read, so one huge line (a 50 MB single-line file) never sits in memory. */
    private void appendRaw(char[] ch, int start, int length) throws SAXException {
        if ((long) text.length() + current.length() + length > maxChars + (long) maxChars / 4 + 1024) {
            // raw text shrinks when whitespace is collapsed: allow some slack before giving up
            throw new TextLimitReached(maxChars);
        }
        if (currentKind == Block.Kind.TERM && linkDepth == 0 && !termHasOwnText) {
            for (int i = start; i < start + length && !termHasOwnText; i++) {
                termHasOwnText = !Character.isWhitespace(ch[i]);
            }
        }
        if (tableDepth > 0) {
            // inside a table only the end of a row breaks a line: line ends inside cells become spaces
            for (int i = start; i < start + length; i++) {
                char c = ch[i];
                current.append(c == '\n' || c == '\r' ? ' ' : c);
            }
        } else {
            current.append(ch, start, length);
        }
    }

    @Override
    public void endDocument() throws SAXException {
        flush();
    }

    private void startBlock(Block.Kind kind) throws SAXException {
        if (tableDepth > 0) {
            return;
        }
        flush();
        currentKind = kind;
    }

    private void flush() throws SAXException {
        String raw = current.toString();
        Block.Kind kind = currentKind == Block.Kind.TERM && !termHasOwnText ? Block.Kind.PARAGRAPH : currentKind;
        int level = kind == Block.Kind.PARAGRAPH ? 0 : currentLevel;
        current.setLength(0);
        currentKind = tableDepth > 0 ? Block.Kind.TABLE : Block.Kind.PARAGRAPH;
        currentLevel = 0;
        if (raw.isBlank()) {
            return;
        }
        boolean afterLastPage = !pageStarts.isEmpty() && !inPage && embeddedDepth == 0;
        if (afterLastPage) {
            return;
        }
        if (plainText && kind == Block.Kind.PARAGRAPH) {
            appendPlainText(raw);
        } else if (kind == Block.Kind.TABLE) {
            appendTable(raw);
        } else {
            append(kind, level, WHITESPACE.matcher(raw).replaceAll(" ").strip());
        }
    }

    /** Plain text and Markdown: paragraphs are separated by blank lines; '#' lines are headings. */
    private void appendPlainText(String raw) throws SAXException {
        StringBuilder paragraph = new StringBuilder();
        for (String line : raw.split("\\R", -1)) {
            Matcher heading = MARKDOWN_HEADING.matcher(line.strip());
            if (line.isBlank() || heading.matches()) {
                appendParagraph(paragraph);
                if (heading.matches()) {
                    // inside an embedded document (a Markdown member of a ZIP) below the heading naming it
                    append(Block.Kind.HEADING, Math.min(6, heading.group(1).length() + embeddedDepth), heading.group(2));
                }
            } else {
                paragraph.append(line.strip()).append(' ');
            }
        }
        appendParagraph(paragraph);
    }

    private void appendParagraph(StringBuilder paragraph) throws SAXException {
        String p = WHITESPACE.matcher(paragraph).replaceAll(" ").strip();
        paragraph.setLength(0);
        if (!p.isEmpty()) {
            append(Block.Kind.PARAGRAPH, 0, p);
        }
    }

    private void appendTable(String raw) throws SAXException {
        StringBuilder rows = new StringBuilder();
        for (String row : raw.split("\n")) {
            String r = WHITESPACE.matcher(row).replaceAll(" ").strip();
            if (!r.isEmpty() && !r.replace("|", "").isBlank()) {
                rows.append(rows.isEmpty() ? "" : "\n").append(r);
            }
        }
        if (!rows.isEmpty()) {
            append(Block.Kind.TABLE, 0, rows.toString());
        }
    }

    private void append(Block.Kind kind, int level, String content) throws SAXException {
        if (content.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(SEPARATOR);
        }
        int start = text.length();
        text.append(content);
        if (text.length() > maxChars) {
            throw new TextLimitReached(maxChars);
        }
        blocks.add(new Block(kind, level, start, text.length(), pageStarts.size()));
    }
}
