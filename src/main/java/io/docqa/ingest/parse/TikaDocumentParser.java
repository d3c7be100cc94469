package io.docqa.ingest.parse;

import io.docqa.ingest.IngestConfig;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.SAXException;

/**
 * Parses any format Tika's standard parsers read. Checks first that the content is what the name claims and
 * is not an executable or unknown binary; maps Tika's typed failures to reasons a person understands.
 */
@ApplicationScoped
public class TikaDocumentParser implements DocumentParser {

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
            Map.entry("application/octet-stream", "unrecognised binary data"),
            Map.entry("application/x-msdownload", "a Windows executable"),
            Map.entry("application/x-dosexec", "a Windows executable"),
            Map.entry("application/x-executable", "an executable program"),
            Map.entry("application/x-elf", "an executable program"));

    private final IngestConfig config;
    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final AutoDetectParser parser;

    public TikaDocumentParser(IngestConfig config) {
        this.config = config;
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.detector = tika.getDetector();
        this.registry = tika.getMediaTypeRegistry();
        this.parser = new AutoDetectParser(tika);
    }

    @Override
    public void precheck(Path file, String fileName) throws DocumentRejectedException {
        checkSize(file);
        checkType(file, fileName);
    }

    private void checkSize(Path file) throws DocumentRejectedException {
        long size = sizeOf(file);
        if (size == 0) {
            throw new DocumentRejectedException(Reason.EMPTY_FILE, "The file is empty (0 bytes).");
        }
        if (size > config.maxFileBytes()) {
            throw new DocumentRejectedException(Reason.TOO_LARGE, "The file is " + megabytes(size)
                    + "; the limit is " + megabytes(config.maxFileBytes()) + ".");
        }
    }

    @Override
    public ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException {
        checkSize(file);
        MediaType type = checkType(file, fileName);
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        boolean plainText = registry.isInstanceOf(type, MediaType.TEXT_PLAIN) && !type.getSubtype().contains("html");
        StructureHandler handler = new StructureHandler(config.maxTextChars(), plainText);
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            parser.parse(in, handler, metadata, new ParseContext());
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            throw classify(e, type);
        }
        ParsedDocument parsed = handler.result(type.getBaseType().toString());
        if (parsed.text().isBlank()) {
            throw new DocumentRejectedException(Reason.NO_TEXT, "No text could be extracted from this "
                    + friendly(type).replaceFirst("^an? ", "") + ". If it is a scan or an image, it needs OCR.");
        }
        return parsed;
    }

    /** Tika wraps the real cause (an encrypted file, our text limit) in its own exceptions: find it. */
    private DocumentRejectedException classify(Exception e, MediaType type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return new DocumentRejectedException(Reason.ENCRYPTED,
                        "The document is password-protected. Remove the password and upload it again.", e);
            }
            if (t instanceof ZeroByteFileException) {
                return new DocumentRejectedException(Reason.EMPTY_FILE, "The file is empty (0 bytes).", e);
            }
            if (t instanceof StructureHandler.TextLimitReached) {
                return new DocumentRejectedException(Reason.TOO_MUCH_TEXT, "The document holds more than "
                        + config.maxTextChars() + " characters of text, the limit per document. Split it and upload the parts.", e);
            }
        }
        return new DocumentRejectedException(Reason.CORRUPT, "The file could not be read as " + friendly(type)
                + "; it may be damaged or truncated (" + rootMessage(e) + ").", e);
    }

    /** The content's type, refusing executables, unknown binary, and content that contradicts the name. */
    private MediaType checkType(Path file, String fileName) throws DocumentRejectedException {
        MediaType byContent;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            byContent = detector.detect(in, new Metadata()).getBaseType();
        } catch (IOException e) {
            throw new DocumentRejectedException(Reason.CORRUPT, "The file could not be read (" + rootMessage(e) + ").", e);
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

    private String friendly(MediaType type) {
        return FRIENDLY.getOrDefault(type.getBaseType().toString(), "content of type " + type.getBaseType());
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static long sizeOf(Path file) throws DocumentRejectedException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DocumentRejectedException(Reason.CORRUPT, "The stored file could not be read.", e);
        }
    }

    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
