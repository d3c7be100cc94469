package io.docqa.ingest.parse;

import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * What a file is, before it is parsed: its type by content, checked against its name, refusing executables and
 * unknown binary; and the type's name as a person says it, for the messages of refused documents.
 */
final class ContentTypes {

    private static final Set<String> REFUSED_TYPES = Set.of(
            "application/x-msdownload", "application/x-dosexec", "application/x-executable", "application/x-elf",
            "application/x-mach-o-executable", "application/x-sharedlib", "application/java-vm",
            "application/x-msdownload; format=pe32", "application/x-msdownload;format=pe32");

    private static final Map<String, String> FRIENDLY = Map.ofEntries(
            Map.entry("application/pdf", "a PDF"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document (DOCX)"),
            Map.entry("application/msword", "a Word document (DOC)"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "a PowerPoint file"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel workbook"),
            Map.entry("text/html", "an HTML page"),
            Map.entry("text/plain", "plain text"),
            Map.entry("text/x-web-markdown", "Markdown"),
            Map.entry("application/zip", "a ZIP archive"),
            Map.entry("application/vnd.ms-outlook", "an Outlook message (MSG)"),
            Map.entry("message/rfc822", "an e-mail (EML)"),
            Map.entry("application/rtf", "an RTF document"),
            Map.entry("application/vnd.oasis.opendocument.text", "an OpenDocument text (ODT)"),
            Map.entry("image/png", "a PNG image"),
            Map.entry("image/jpeg", "a JPEG image"),
            Map.entry("image/tiff", "a TIFF image"),
            Map.entry("application/octet-stream", "unrecognised binary data"),
            Map.entry("application/x-msdownload", "a Windows executable"),
            Map.entry("application/x-dosexec", "a Windows executable"),
            Map.entry("application/x-executable", "an executable program"),
            Map.entry("application/x-elf", "an executable program"));

    private final Detector detector;
    private final MediaTypeRegistry registry;

    ContentTypes(Detector detector, MediaTypeRegistry registry) {
        this.detector = detector;
        this.registry = registry;
    }

    /** The content's type, refusing executables, unknown binary, and content that contradicts the name. */
    MediaType check(Path file, String fileName) throws DocumentRejectedException {
        MediaType byContent;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            byContent = detector.detect(in, new Metadata()).getBaseType();
        } catch (IOException e) {
            throw new DocumentRejectedException(Reason.CORRUPT, "The file could not be read (" + TikaDocumentParser.rootMessage(e) + ").", e);
        }
        Metadata nameOnly = new Metadata();
        nameOnly.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        MediaType byName;
        try {
            byName = detector.detect(null, nameOnly).getBaseType();
        } catch (IOException e) {
            byName = MediaType.OCTET_STREAM;
        }
        String extension = extension(fileName);
        if (REFUSED_TYPES.contains(byContent.toString())) {
            throw new DocumentRejectedException(Reason.UNSUPPORTED_TYPE, (extension.isEmpty() ? "The file"
                    : "The file is named " + extension + " but it") + " is " + friendly(byContent)
                    + ", not a document. Executables are not accepted.");
        }
        if (MediaType.OCTET_STREAM.equals(byContent)) {
            throw new DocumentRejectedException(Reason.UNSUPPORTED_TYPE, (extension.isEmpty() ? "The file's"
                    : "The file is named " + extension + " but its") + " content is not a format DocQA can read"
                    + " (unrecognised binary data).");
        }
        if (!MediaType.OCTET_STREAM.equals(byName) && !compatible(byName, byContent)) {
            throw new DocumentRejectedException(Reason.TYPE_MISMATCH, "The file is named " + extension
                    + " but its content is " + friendly(byContent) + ". Rename it or upload the right file.");
        }
        // a name can be more specific than content (Markdown is plain text inside)
        return !MediaType.OCTET_STREAM.equals(byName) && registry.isInstanceOf(byName, byContent) ? byName : byContent;
    }

    private boolean compatible(MediaType byName, MediaType byContent) {
        if (byName.equals(byContent) || registry.isInstanceOf(byContent, byName)
                || registry.isInstanceOf(byName, byContent)) {
            return true;
        }
        // Text formats are told apart by name, not by content: a .csv or .md file is plain text inside.
        boolean nameIsText = registry.isInstanceOf(byName, MediaType.TEXT_PLAIN) || "text".equals(byName.getType());
        boolean contentIsText = registry.isInstanceOf(byContent, MediaType.TEXT_PLAIN) || "text".equals(byContent.getType());
        if (nameIsText && contentIsText) {
            return true;
        }
        // Office containers are detected as their family (zip, OLE2, ooxml) when the container cannot be opened.
        Set<String> containers = Set.of("application/zip", "application/x-tika-ooxml", "application/x-tika-msoffice",
                "application/x-tika-ooxml-protected", "application/x-tika-msoffice-embedded");
        return containers.contains(byContent.toString()) && byName.getSubtype().matches(".*(officedocument|ms|opendocument|word|excel|powerpoint|visio|outlook).*");
    }

    String friendly(MediaType type) {
        return FRIENDLY.getOrDefault(type.getBaseType().toString(), "content of type " + type.getBaseType());
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }
}
