package io.docqa.ingest.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A {@link ParsedDocument} as SAX events, the only channel from a Tika parser process back to the server: one
 * element whose attributes hold the type, date, page starts, blocks and warnings, and whose characters are the text.
 */
final class ParsedDocumentTransfer extends DefaultHandler {

    private static final String ELEMENT = "docqa-parsed";
    private static final String WARNING_SEPARATOR = "\u001e";
    private static final int CHUNK = 1 << 16;

    private final StringBuilder text = new StringBuilder();
    private Attributes attributes;

    static void send(ParsedDocument doc, ContentHandler handler) throws SAXException {
        AttributesImpl a = new AttributesImpl();
        add(a, "type", doc.contentType());
        add(a, "date", doc.documentDate() == null ? "" : Long.toString(doc.documentDate().toEpochMilli()));
        add(a, "pages", Arrays.stream(doc.pageStarts()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        StringBuilder blocks = new StringBuilder();
        for (Block b : doc.blocks()) {
            blocks.append(b.kind().ordinal()).append(',').append(b.level()).append(',').append(b.start()).append(',')
                    .append(b.end()).append(',').append(b.page()).append(';');
        }
        add(a, "blocks", blocks.toString());
        add(a, "warnings", String.join(WARNING_SEPARATOR, doc.warnings()));
        handler.startDocument();
        handler.startElement("", ELEMENT, ELEMENT, a);
        char[] chars = doc.text().toCharArray();
        for (int i = 0; i < chars.length; i += CHUNK) {
            handler.characters(chars, i, Math.min(CHUNK, chars.length - i));
        }
        handler.endElement("", ELEMENT, ELEMENT);
        handler.endDocument();
    }

    private static void add(AttributesImpl a, String name, String value) {
        a.addAttribute("", name, name, "CDATA", value);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        if (ELEMENT.equals(localName)) {
            attributes = new AttributesImpl(atts);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    /** The document received, or null when the parser process sent none. */
    ParsedDocument received() {
        if (attributes == null) {
            return null;
        }
        String pages = attributes.getValue("pages");
        int[] pageStarts = pages.isEmpty() ? new int[0] : Arrays.stream(pages.split(",")).mapToInt(Integer::parseInt).toArray();
        List<Block> blocks = new ArrayList<>();
        for (String b : attributes.getValue("blocks").split(";")) {
            if (!b.isEmpty()) {
                String[] f = b.split(",");
                blocks.add(new Block(Block.Kind.values()[Integer.parseInt(f[0])], Integer.parseInt(f[1]),
                        Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])));
            }
        }
        String warnings = attributes.getValue("warnings");
        String date = attributes.getValue("date");
        return new ParsedDocument(attributes.getValue("type"), text.toString(), List.copyOf(blocks), pageStarts,
                warnings.isEmpty() ? List.of() : List.of(warnings.split(WARNING_SEPARATOR, -1)))
                .withDocumentDate(date.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(date)));
    }
}
