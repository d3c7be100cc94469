package io.docqa.ingest.parse;

import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.tika.exception.TikaException;
import org.apache.tika.fork.ForkParser;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.jboss.logging.Logger;
import org.xml.sax.SAXException;

/**
 * A pool of parser processes: separate JVMs, each with its own heap cap, started and reused by Tika's
 * {@link ForkParser}. The classes come from this JVM's class loader through the fork's own channel, so the pool
 * works the same from the packaged application, the IDE and the tests. A document that exhausts a process's heap
 * ends {@link Reason#OUT_OF_MEMORY}; one that takes longer than its timeout makes its process stop itself
 * ({@link ParserProcessTask}) and ends {@link Reason#TIMED_OUT}; a process that dies otherwise (crash, kill) ends
 * the document {@link Reason#PARSER_CRASHED}. Each is taken as a property of the file: the document is not retried.
 * The next document gets a fresh process.
 */
final class ParserProcesses implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ParserProcesses.class);
    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");
    /** A process idle this long ends; the next document starts a new one. */
    private static final long IDLE_MILLIS = 5 * 60_000;
    /** Tika's own watchdog in the process, behind the per-document timeout: the longest any pipeline allows, and more. */
    private static final long BACKSTOP_MILLIS = 2 * 3_600_000;

    private final ForkParser fork;
    private final String heap;
    private final String marker;

    ParserProcesses(String heap, List<String> jvmOptions, int processes, long maxFileBytes, int maxTextChars) {
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("docqa.ingest.parse.heap must be a size such as 512m or 1g (found \"" + heap + "\")");
        }
        for (String option : jvmOptions) {
            if (!option.startsWith("-") || option.startsWith("-Xmx") || option.startsWith("-XX:MaxHeapSize")) {
                throw new IllegalArgumentException("docqa.ingest.parse.jvm-options takes JVM options such as"
                        + " -XX:TieredStopAtLevel=1 (the heap is docqa.ingest.parse.heap); found \"" + option + "\"");
            }
        }
        this.heap = heap;
        this.marker = "-Ddocqa.parser-pool=" + UUID.randomUUID();
        this.fork = new ForkParser(ParserProcessTask.class.getClassLoader(),
                new ParserProcessTask(maxFileBytes, maxTextChars));
        fork.setPoolSize(Math.max(1, processes));
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // one document at a time per process: the serial collector keeps the footprint small
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-Xss4m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", marker));
        fork.setJavaCommand(command);
        fork.setServerPulseMillis(1000);
        fork.setServerParseTimeoutMillis(BACKSTOP_MILLIS);
        fork.setServerWaitTimeoutMillis(IDLE_MILLIS);
    }

    ParsedDocument parse(Path file, String fileName, MediaType type, boolean ocr, ParseOptions options)
            throws DocumentRejectedException {
        Metadata request = new Metadata();
        request.set(ParserProcessTask.FILE, file.toAbsolutePath().toString());
        request.set(ParserProcessTask.NAME, fileName);
        request.set(ParserProcessTask.TYPE, type.toString());
        request.set(ParserProcessTask.OCR, Boolean.toString(ocr));
        request.set(ParserProcessTask.LANGUAGES, options.ocrLanguages());
        long timeout = Math.max(1, options.timeout().toMillis());
        request.set(ParserProcessTask.TIMEOUT_MILLIS, Long.toString(timeout));
        ParsedDocumentTransfer result = new ParsedDocumentTransfer();
        long start = System.nanoTime();
        try {
            fork.parse(InputStream.nullInputStream(), result, request, new ParseContext());
        } catch (TikaException e) {
            DocumentRejectedException rejected = rejection(e);
            if (rejected != null && rejected.reason() == Reason.OUT_OF_MEMORY) {
                throw new DocumentRejectedException(Reason.OUT_OF_MEMORY, "The parser ran out of memory reading this"
                        + " document (its limit is " + heap + " per document). The file may be malformed or built to"
                        + " exhaust memory; if it is genuine, split it or ask an administrator to raise"
                        + " docqa.ingest.parse.heap.", e);
            }
            if (rejected != null) {
                throw rejected;
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed >= timeout) {
                throw TikaDocumentParser.timedOut(options, e);
            }
            LOG.warnf(e, "The parser process stopped while reading %s", fileName);
            throw new DocumentRejectedException(Reason.PARSER_CRASHED, "The parser process stopped unexpectedly (it"
                    + " crashed or was killed) while reading this document; it has been replaced. The file may be"
                    + " malformed. Upload it again if the server was being restarted.", e);
        } catch (IOException e) {
            // no process could be started: the server's problem, not the file's; the job is retried later
            throw new UncheckedIOException("Could not start a parser process", e);
        } catch (SAXException e) {
            throw new DocumentRejectedException(Reason.PARSER_CRASHED, "The parser process sent an unreadable result"
                    + " (" + TikaDocumentParser.rootMessage(e) + ").", e);
        }
        ParsedDocument parsed = result.received();
        if (parsed == null) {
            throw new DocumentRejectedException(Reason.PARSER_CRASHED, "The parser process ended without a result.");
        }
        return parsed;
    }

    private static DocumentRejectedException rejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DocumentRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }

    /** The parser processes of this pool that are running now. */
    List<ProcessHandle> running() {
        return ProcessHandle.current().children()
                .filter(p -> p.isAlive() && p.info().arguments().map(a -> Arrays.asList(a).contains(marker)).orElse(false))
                .toList();
    }

    @Override
    public void close() {
        fork.close();
    }
}
