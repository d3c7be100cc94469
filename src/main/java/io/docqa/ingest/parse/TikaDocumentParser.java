package io.docqa.ingest.parse;

import io.docqa.ingest.config.IngestConfig;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.SAXException;

/**
 * Parses any format Tika's standard parsers read. Checks first that the content is what the name claims and
 * is not an executable or unknown binary; maps Tika's typed failures to reasons a person understands. In the server
 * the parsing itself runs in parser processes ({@link ParserProcesses}, {@code docqa.ingest.parse.isolation}), so a
 * hostile file can neither exhaust the server's heap nor keep one of its threads busy after the timeout.
 */
@ApplicationScoped
public class TikaDocumentParser implements DocumentParser {

    /** Output characters per input byte beyond which an archive counts as a zip bomb (after the threshold). */
    static final long MAX_COMPRESSION_RATIO = 100;
    /** Characters of output before the compression ratio is checked: small archives of text are fine. */
    static final long OUTPUT_THRESHOLD_CHARS = 10_000_000;
    /** Deepest XML element nesting of the parse output. */
    static final int MAX_XML_DEPTH = 200;
    /** Archives inside archives beyond this depth are refused. */
    static final int MAX_ARCHIVE_NESTING = 5;

    /** Internal parts (ZIP entries) an Office file may have: slides, their relations, images, sheets. */
    static final int MAX_OFFICE_PARTS = 100_000;

    private final long maxFileBytes;
    private final int maxTextChars;
    private final ContentTypes types;
    private final MediaTypeRegistry registry;
    private final AutoDetectParser parser;
    private final boolean tesseractInstalled;
    private final ExecutorService parseThreads = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("docqa-parse-", 0).daemon(true).factory());
    /** The parser processes when parsing is isolated; null when documents are parsed inside this JVM. */
    private final ParserProcesses processes;

    /** Parses inside this JVM (tools, benchmarks, tests of the formats). */
    public TikaDocumentParser(IngestConfig config) {
        this(config.maxFileBytes(), config.maxTextChars(), null);
    }

    /** The server's parser: in parser processes unless {@code docqa.ingest.parse.isolation=in-process}. */
    @Inject
    public TikaDocumentParser(IngestConfig config, ParseConfig parse) {
        this(config.maxFileBytes(), config.maxTextChars(), parse.isolation() == ParseConfig.Isolation.PROCESS
                ? new ParserProcesses(parse.heap(), parse.jvmOptions(), parse.processes().orElse(defaultProcesses(config)),
                        config.maxFileBytes(), config.maxTextChars())
                : null);
    }

    /**
     * One parser process per ingest worker, but no more than there are cores: parsing is CPU-bound, so more processes
     * parse no faster, while each one started costs its own start, class loading and JIT warm-up (and its heap).
     */
    private static int defaultProcesses(IngestConfig config) {
        return Math.max(1, Math.min(config.workers(), Runtime.getRuntime().availableProcessors()));
    }

    TikaDocumentParser(long maxFileBytes, int maxTextChars, ParserProcesses processes) {
        this.maxFileBytes = maxFileBytes;
        this.maxTextChars = maxTextChars;
        this.processes = processes;
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.registry = tika.getMediaTypeRegistry();
        this.types = new ContentTypes(tika.getDetector(), registry);
        this.parser = new AutoDetectParser(tika);
        // Tika's own limits on output ratio and nesting, a second line behind ArchiveGuard: in tests with Tika
        // 3.3.1 they did not stop a ZIP bomb (the text limit did), so ArchiveGuard checks ZIPs before parsing
        AutoDetectParserConfig guards = new AutoDetectParserConfig();
        guards.setMaximumCompressionRatio(MAX_COMPRESSION_RATIO);
        guards.setOutputThreshold(OUTPUT_THRESHOLD_CHARS);
        guards.setMaximumDepth(MAX_XML_DEPTH);
        guards.setMaximumPackageEntryDepth(MAX_ARCHIVE_NESTING);
        this.parser.setAutoDetectParserConfig(guards);
        // POI refuses Office files with many internal parts as "potentially malicious" (its default: 1,000 entries;
        // measured through Tika: a deck of 6,000 slides, 12,000 parts, failed as "damaged"), which large training
        // decks and manuals full of images reach; ArchiveGuard bounds what such a file expands to instead
        ZipSecureFile.setMaxFileCount(MAX_OFFICE_PARTS);
        this.tesseractInstalled = detectTesseract();
    }

    private static boolean detectTesseract() {
        try {
            return new TesseractOCRParser().hasTesseract();
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        parseThreads.shutdownNow();
        if (processes != null) {
            processes.close();
        }
    }

    /** The parser processes running now (empty when parsing runs inside this JVM): for operators and tests. */
    public java.util.List<ProcessHandle> parserProcesses() {
        return processes == null ? List.of() : processes.running();
    }

    @Override
    public void precheck(Path file, String fileName) throws DocumentRejectedException {
        checkSize(file);
        types.check(file, fileName);
    }

    private void checkSize(Path file) throws DocumentRejectedException {
        checkSize(file, maxFileBytes);
    }

    private static void checkSize(Path file, long maxFileBytes) throws DocumentRejectedException {
        long size = sizeOf(file);
        if (size == 0) {
            throw new DocumentRejectedException(Reason.EMPTY_FILE, "The file is empty (0 bytes).");
        }
        if (size > maxFileBytes) {
            throw new DocumentRejectedException(Reason.TOO_LARGE, "The file is " + megabytes(size)
                    + "; the limit is " + megabytes(maxFileBytes) + ".");
        }
    }

    @Override
    public ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException {
        return parse(file, fileName, defaultOptions());
    }

    /** The options of a parse without a pipeline: the server-wide limits, OCR on when Tesseract is installed. */
    public ParseOptions defaultOptions() {
        return new ParseOptions(true, "eng", maxFileBytes, Duration.ofSeconds(300));
    }

    /** Whether Tesseract is installed on this machine (checked once; Tika looks for it on the PATH). */
    public boolean ocrAvailable() {
        return tesseractInstalled;
    }

    @Override
    public ParsedDocument parse(Path file, String fileName, ParseOptions options) throws DocumentRejectedException {
        checkSize(file, Math.min(options.maxFileBytes(), maxFileBytes));
        MediaType type = types.check(file, fileName);
        ArchiveGuard.check(file);
        boolean ocr = options.ocr() && tesseractInstalled;
        if (processes != null) {
            ParsedDocument parsed = processes.parse(file, fileName, type, ocr, options);
            if (parsed.text().isBlank()) {
                throw noText(type, options, ocr);
            }
            return parsed;
        }
        // Parsing runs on its own thread so that a document that parses forever (a malformed or hostile file)
        // ends FAILED after the pipeline's timeout instead of holding a worker.
        Future<ParsedDocument> result = parseThreads.submit(() -> parseNow(file, fileName, type, ocr, options));
        long millis = Math.max(1, options.timeout().toMillis());
        try {
            ParsedDocument parsed = result.get(millis, TimeUnit.MILLISECONDS);
            if (parsed.text().isBlank()) {
                throw noText(type, options, ocr);
            }
            return parsed;
        } catch (TimeoutException e) {
            result.cancel(true);
            throw timedOut(options, e);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new DocumentRejectedException(Reason.TIMED_OUT, "Parsing was interrupted (the server is stopping).", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DocumentRejectedException rejected) {
                throw rejected;
            }
            if (cause instanceof Exception ex) {
                throw classify(ex, type);
            }
            if (cause instanceof OutOfMemoryError) {
                throw new DocumentRejectedException(Reason.TOO_MUCH_TEXT,
                        "The document needs more memory to read than the server can give one document.", cause);
            }
            throw new DocumentRejectedException(Reason.CORRUPT, "The file could not be read as " + types.friendly(type)
                    + " (" + rootMessage(cause) + ").", cause);
        }
    }

    static DocumentRejectedException timedOut(ParseOptions options, Exception cause) {
        long millis = Math.max(1, options.timeout().toMillis());
        String limit = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        return new DocumentRejectedException(Reason.TIMED_OUT, "Reading the document took longer than " + limit
                + ", the limit of its pipeline. It may be very large or malformed; split it or raise the pipeline's parser timeout.", cause);
    }

    /** Parses on the calling thread: the work of one document, inside a parser process or on a parse thread. */
    ParsedDocument parseNow(Path file, String fileName, MediaType type, boolean ocr, ParseOptions options)
            throws DocumentRejectedException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        boolean plainText = registry.isInstanceOf(type, MediaType.TEXT_PLAIN) && !type.getSubtype().contains("html");
        StructureHandler handler = new StructureHandler(maxTextChars, plainText);
        ParseContext context = new ParseContext();
        // with a Parser in the context Tika parses embedded documents too (ZIP members, e-mail attachments);
        // the decorator names each one it cannot read in a warning
        List<String> warnings = new ArrayList<>();
        context.set(Parser.class, new EmbeddedDocumentParser(parser, handler, warnings, ocr));
        context.set(EmbeddedDocumentExtractor.class, new NamedSectionExtractor(context));
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(ocr ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        tesseract.setSkipOcr(!ocr);
        tesseract.setLanguage(options.ocrLanguages());
        tesseract.setTimeoutSeconds((int) Math.max(1, Math.min(Integer.MAX_VALUE, options.timeout().toSeconds())));
        context.set(TesseractOCRConfig.class, tesseract);
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            parser.parse(in, handler, metadata, context);
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            throw classify(e, type);
        }
        return handler.result(type.getBaseType().toString(), warnings).withDocumentDate(dateOf(metadata));
    }

    /** The file's creation date, else its modification date, from its metadata; null when it has none. */
    private static java.time.Instant dateOf(Metadata metadata) {
        java.util.Date date = metadata.getDate(TikaCoreProperties.CREATED);
        if (date == null) {
            date = metadata.getDate(TikaCoreProperties.MODIFIED);
        }
        return date == null ? null : date.toInstant();
    }

    private DocumentRejectedException noText(MediaType type, ParseOptions options, boolean ocrRan) {
        boolean scannable = "application/pdf".equals(type.getBaseType().toString()) || "image".equals(type.getType());
        if (scannable && !ocrRan) {
            String why = !options.ocr() ? "OCR is switched off in this collection's pipeline"
                    : "OCR (Tesseract) is not installed on the server";
            return new DocumentRejectedException(Reason.NEEDS_OCR, "This " + types.friendly(type).replaceFirst("^an? ", "")
                    + " has no text layer: it looks like a scan or an image and needs OCR, but " + why + ".");
        }
        return new DocumentRejectedException(Reason.NO_TEXT, "No text could be extracted from this "
                + types.friendly(type).replaceFirst("^an? ", "") + (scannable ? ", not even by OCR." : "."));
    }

    /** Tika wraps the real cause (an encrypted file, our text limit) in its own exceptions: find it. */
    private DocumentRejectedException classify(Exception e, MediaType type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return new DocumentRejectedException(Reason.ENCRYPTED,
                        "The document is password-protected. Remove the password and upload it again.", e);
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("nesting")) {
                return new DocumentRejectedException(Reason.ARCHIVE_BOMB, "The archive expands to far more data than"
                        + " its size, or nests archives too deeply (a \"zip bomb\"). It was not unpacked.", e);
            }
            if (t instanceof ZeroByteFileException) {
                return new DocumentRejectedException(Reason.EMPTY_FILE, "The file is empty (0 bytes).", e);
            }
            if (t instanceof StructureHandler.TextLimitReached) {
                return new DocumentRejectedException(Reason.TOO_MUCH_TEXT, "The document holds more than "
                        + maxTextChars + " characters of text, the limit per document. Split it and upload the parts.", e);
            }
        }
        return new DocumentRejectedException(Reason.CORRUPT, "The file could not be read as " + types.friendly(type)
                + "; it may be damaged or truncated (" + rootMessage(e) + ").", e);
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

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
