package io.docqa.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents (ZIP members, e-mail attachments) so that each becomes a section of the outer
 * document headed by its file name: Tika's extractor writes that heading only when the container asks for
 * HTML output, which e-mail parsers do not.
 */
final class NamedSectionExtractor extends ParsingEmbeddedDocumentExtractor {

    NamedSectionExtractor(ParseContext context) {
        super(context);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        if (metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY) == null) {
            String name = metadata.get(TikaCoreProperties.EMBEDDED_RELATIONSHIP_ID);
            if (name != null) {
                metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            }
        }
        super.parseEmbedded(stream, handler, metadata, true);
    }
}
