package io.docqa.ingest.parse;

import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The parser that Tika's {@link org.apache.tika.fork.ForkParser} sends into each parser process. It parses one
 * document there exactly as the server would in process ({@link TikaDocumentParser#parseNow}) and sends the
 * result back through the proxied content handler ({@link ParsedDocumentTransfer}). It reads the file from its
 * path (the request carries no bytes), and stops its own process when the document's timeout passes: a parser
 * that spins cannot be stopped any other way, and the server then starts a fresh process.
 */
final class ParserProcessTask implements Parser {

    private static final long serialVersionUID = 1L;

    /** Exit status of a parser process stopped because its document took longer than the timeout. */
    static final int TIMEOUT_EXIT = 17;

    static final String FILE = "docqa:file";
    static final String NAME = "docqa:name";
    static final String TYPE = "docqa:type";
    static final String OCR = "docqa:ocr";
    static final String LANGUAGES = "docqa:ocr-languages";
    static final String TIMEOUT_MILLIS = "docqa:timeout-millis";

    private final long maxFileBytes;
    private final int maxTextChars;
    private transient TikaDocumentParser parser;
    private transient ExecutorService thread;

    ParserProcessTask(long maxFileBytes, int maxTextChars) {
        this.maxFileBytes = maxFileBytes;
        this.maxTextChars = maxTextChars;
    }

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return Set.of();
    }

    @Override
    public void parse(InputStream ignored, ContentHandler handler, Metadata request, ParseContext context)
            throws SAXException, TikaException {
        long timeout = Long.parseLong(request.get(TIMEOUT_MILLIS));
        ParseOptions options = new ParseOptions(Boolean.parseBoolean(request.get(OCR)), request.get(LANGUAGES),
                maxFileBytes, Duration.ofMillis(timeout));
        Path file = Path.of(request.get(FILE));
        MediaType type = MediaType.parse(request.get(TYPE));
        Future<ParsedDocument> result = start().submit(
                () -> parser.parseNow(file, request.get(NAME), type, options.ocr(), options));
        ParsedDocument parsed;
        try {
            parsed = result.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the parsing thread cannot be stopped (parsers ignore interrupts): end this process; the server
            // sees it end after the timeout and starts a new one
            Runtime.getRuntime().halt(TIMEOUT_EXIT);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TikaException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DocumentRejectedException rejected) {
                // only reason and message travel back: causes may hold objects that do not serialise
                throw new TikaException("rejected", new DocumentRejectedException(rejected.reason(), rejected.getMessage()));
            }
            if (cause instanceof OutOfMemoryError) {
                throw new TikaException("out of memory", new DocumentRejectedException(Reason.OUT_OF_MEMORY, ""));
            }
            throw new TikaException(TikaDocumentParser.rootMessage(cause));
        }
        ParsedDocumentTransfer.send(parsed, handler);
    }

    private synchronized ExecutorService start() {
        if (parser == null) {
            parser = new TikaDocumentParser(maxFileBytes, maxTextChars, null);
            thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("docqa-parse").daemon(true).factory());
        }
        return thread;
    }
}
