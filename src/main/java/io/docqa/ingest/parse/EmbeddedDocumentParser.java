package io.docqa.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses one embedded document (ZIP member, e-mail attachment). Tika skips an embedded document it cannot read
 * and goes on with the rest; this records a warning naming it so that the outer document ends READY with the
 * reason instead of silently missing a part. Markdown and plain-text members are read like top-level uploads
 * ('#' lines become headings).
 */
final class EmbeddedDocumentParser extends ParserDecorator {

    private final transient StructureHandler structure;
    private final transient List<String> warnings;
    private final boolean ocr;

    EmbeddedDocumentParser(Parser parser, StructureHandler structure, List<String> warnings, boolean ocr) {
        super(parser);
        this.structure = structure;
        this.warnings = warnings;
        this.ocr = ocr;
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        String fileName = fileName(metadata);
        String name = fileName.isEmpty() ? "An embedded file" : "\"" + fileName + "\"";
        boolean before = structure.plainText(isPlainText(fileName));
        try {
            super.parse(stream, handler, metadata, context);
            noteUnread(name, metadata);
        } catch (EncryptedDocumentException e) {
            warnings.add(name + " was skipped: it is password-protected.");
            throw e;
        } catch (TikaException e) {
            if (!hasCause(e, StructureHandler.TextLimitReached.class)) {
                warnings.add(name + " was skipped: it could not be read; it may be damaged or truncated.");
            }
            throw e;
        } finally {
            structure.plainText(before);
        }
    }

    private void noteUnread(String name, Metadata metadata) {
        String type = metadata.get(Metadata.CONTENT_TYPE);
        MediaType media = type == null ? null : MediaType.parse(type);
        if (media == null) {
            return;
        }
        if (MediaType.OCTET_STREAM.equals(media.getBaseType())) {
            warnings.add(name + " was skipped: its format cannot be read.");
        } else if ("image".equals(media.getType()) && !ocr) {
            warnings.add(name + " was not read: it is an image and OCR is not available for this collection.");
        }
    }

    private static boolean isPlainText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt");
    }

    private static String fileName(Metadata metadata) {
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        if (name == null || name.isBlank()) {
            name = metadata.get(TikaCoreProperties.EMBEDDED_RELATIONSHIP_ID);
        }
        return name == null ? "" : name.strip();
    }

    private static boolean hasCause(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
