package io.docqa.bench;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.tika.fork.ForkParser;
import org.apache.tika.fork.ParserFactoryFactory;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserFactory;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * The two ways Tika's {@link ForkParser} starts a parser process, side by side on the fixtures: classes sent from
 * this JVM over the fork's channel (what {@code ingest/parse/ParserProcesses} does), or the process started with
 * the real jars on its class path ({@code tikaBin}: a directory of links to this JVM's class-path jars, parser
 * built by {@link AutoDetectParserFactory}). Both run Tika's AutoDetectParser with the server's process flags.
 * Prints the start (first document, which starts the process) and the median per-file cost of a warm process.
 * Usage: {@code scripts/bench.sh parser-start [rounds]}.
 */
public final class ParserProcessStartBenchmark {

    private static final List<String> JAVA = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:+UseSerialGC", "-Xss4m", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(Path.of("src/test/resources/fixtures/formats")),
                Files.list(Path.of("src/test/resources/fixtures")))) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        // tikaBin mode cannot bring an exception back (Tika 3.3.1 reads it with no class loader) and replaces its
        // process after one, so both modes get the files that parse without one
        Parser local = new AutoDetectParser();
        files.removeIf(f -> {
            try {
                parse(local, f);
                return false;
            } catch (Exception e) {
                return true;
            }
        });
        Path bin = tikaBin();
        System.out.printf(Locale.ROOT, "%d files, %d rounds; tikaBin: %d jars%n%n", files.size(), rounds,
                Files.list(bin).count());
        System.out.println("| mode | process start + first file ms | warm median ms per file (sum over files) |");
        System.out.println("|---|---:|---:|");
        measure("tikaBin (real jars)", () -> new ForkParser(bin,
                new ParserFactoryFactory(AutoDetectParserFactory.class.getName(), new HashMap<>())), files, rounds);
        measure("classes over the channel", () -> new ForkParser(ParserProcessStartBenchmark.class.getClassLoader(),
                new AutoDetectParser()), files, rounds);
        double sum = 0;
        for (Path f : files) {
            sum += median(local, f, rounds);
        }
        System.out.printf(Locale.ROOT, "| in this JVM (no process) | – | %.1f |%n", sum);
    }

    interface Factory {
        ForkParser create() throws Exception;
    }

    private static void measure(String mode, Factory factory, List<Path> files, int rounds) throws Exception {
        long t0 = System.nanoTime();
        ForkParser fork = factory.create();
        fork.setPoolSize(1);
        fork.setJavaCommand(JAVA);
        try {
            parse(fork, Path.of("src/test/resources/fixtures/service-agreement.pdf"));
            double startMs = (System.nanoTime() - t0) / 1e6;
            double sum = 0;
            for (Path f : files) {
                sum += median(fork, f, rounds);
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f |%n", mode, startMs, sum);
        } finally {
            fork.close();
        }
    }

    private static double median(Parser parser, Path f, int rounds) {
        long[] nanos = new long[rounds];
        for (int r = -1; r < rounds; r++) {
            long t0 = System.nanoTime();
            try {
                parse(parser, f);
            } catch (Exception e) {
                // a refused file (encrypted, corrupt) is timed like the others
            }
            if (r >= 0) {
                nanos[r] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        return nanos[rounds / 2] / 1e6;
    }

    private static void parse(Parser parser, Path f) throws Exception {
        try (InputStream in = Files.newInputStream(f)) {
            parser.parse(in, new BodyContentHandler(-1), new Metadata(), new ParseContext());
        }
    }

    /** A temporary directory with a link to every jar of this JVM's class path. */
    private static Path tikaBin() throws Exception {
        Path dir = Files.createTempDirectory("docqa-tika-bin");
        dir.toFile().deleteOnExit();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                Path link = dir.resolve(jar.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                    link.toFile().deleteOnExit();
                }
            }
        }
        return dir;
    }
}
