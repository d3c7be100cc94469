package io.docqa.bench;

import io.docqa.ingest.parse.ParseConfig;
import io.docqa.ingest.parse.TikaDocumentParser;
import io.docqa.testing.IngestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * CPU of one parser process over a run of documents, by its JVM options: the process's own CPU (parsing, its JIT
 * and GC, the start) and this JVM's (the client side of the fork channel, the classes sent over it), per document,
 * for the first half of the files (start and warm-up) and the second (warm). One process parses all files, as each
 * of the server's processes parses its share of an ingestion.
 * Usage: scripts/bench.sh parser-cpu [folder] [files] [jvm-options, comma-separated]
 */
public final class ParserProcessCpuBenchmark {

    private ParserProcessCpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int max = Integer.parseInt(args[1]);
        List<String> options = args.length > 2 && !args[2].isBlank() ? List.of(args[2].split(",")) : List.of();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().limit(max).toList();
        }
        TikaDocumentParser parser = new TikaDocumentParser(IngestConfigs.of(100L << 20, 20_000_000), new ParseConfig() {
            public Isolation isolation() {
                return Isolation.PROCESS;
            }

            public String heap() {
                return "512m";
            }

            public OptionalInt processes() {
                return OptionalInt.of(1);
            }

            public List<String> jvmOptions() {
                return options;
            }
        });
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long self = ProcessHandle.current().pid();
        double client0 = CpuSplit.processSeconds(self);
        double[] process = new double[2];
        double[] client = new double[2];
        long[] chars = new long[2];
        long child = -1;
        int half = files.size() / 2;
        double clientMark = client0;
        for (int i = 0; i < files.size(); i++) {
            int part = i < half ? 0 : 1;
            chars[part] += parser.parse(files.get(i), files.get(i).getFileName().toString()).text().length();
            if (child < 0) {
                child = parser.parserProcesses().getFirst().pid();
            }
            if (i == half - 1 || i == files.size() - 1) {
                double now = CpuSplit.processSeconds(self);
                client[part] = now - clientMark;
                clientMark = now;
                process[part] = CpuSplit.processSeconds(child) - (part == 1 ? process[0] : 0);
            }
        }
        System.out.printf(Locale.ROOT, "%nparser process options %s; %d files from %s; load before %s, after %s%n%n",
                options, files.size(), folder, loadBefore, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("| files | chars | parser process CPU ms per file | this JVM (client) CPU ms per file |");
        System.out.println("|---|---:|---:|---:|");
        String[] names = {"first " + half + " (start, warm-up)", "next " + (files.size() - half) + " (warm)"};
        int[] counts = {half, files.size() - half};
        for (int p = 0; p < 2; p++) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", names[p], chars[p],
                    1000 * process[p] / counts[p], 1000 * client[p] / counts[p]);
        }
        System.out.printf(Locale.ROOT, "| all | %d | %.1f | %.1f |%n", chars[0] + chars[1],
                1000 * (process[0] + process[1]) / files.size(), 1000 * (client[0] + client[1]) / files.size());
        System.exit(0);
    }
}
