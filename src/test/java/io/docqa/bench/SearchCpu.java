package io.docqa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * CPU per search of the running app, split by stage, against the {@link SearchFloor}. A fixed number of searches is
 * sent at saturation (more requests in flight than cores) twice: once plain, for the totals — the server process's
 * CPU from /proc grouped by thread ({@link CpuSplit}: request threads, JIT, GC) and the CPU of every PostgreSQL
 * backend — and once under JFR's CPU-time sampler ({@code jdk.CPUTimeSample}, started with {@code jcmd}), whose
 * stacks split the request threads' CPU into stages by the innermost stage method on the stack.
 */
final class SearchCpu {

    /** One search sent to the app (throws when it fails). */
    interface Search {
        void send(String query) throws Exception;
    }

    /** Stages of the request path, recognised by the innermost frame of these classes (first match wins). */
    private static final List<String[]> STAGES = List.of(
            new String[] {SearchFloor.EMBEDDING, "io.docqa.embedding.", "ai.onnxruntime.", "dev.langchain4j.model.embedding."},
            new String[] {SearchFloor.BM25 + " incl. its collection lookup", "io.docqa.retrieve.bm25."},
            new String[] {SearchFloor.SQL_CLIENT, "io.docqa.retrieve.vector."},
            new String[] {"named documents", "io.docqa.retrieve.named."},
            new String[] {"chunk owners + collection weights SQL (fusion)", "io.docqa.corpus.ChunkOwners", "io.docqa.corpus.CollectionRepository"},
            new String[] {"passage load SQL", "io.docqa.corpus.ChunkRepository"},
            new String[] {"fusion, diversity, navigation", "io.docqa.retrieve."},
            new String[] {"access, rate limit, audit, authentication", "io.docqa.app.", "io.docqa.security."},
            new String[] {"HTTP, JSON (resource and framework)", ""});

    private SearchCpu() {
    }

    /** Server, PostgreSQL and client CPU seconds of {@code searches} searches at {@code concurrency}, and the wall time. */
    record Run(Map<String, Double> cpu, double wallSeconds, int searches) {
        double perSearchMs(String group) {
            return 1000 * cpu.getOrDefault(group, 0.0) / searches;
        }

        double serverMs() {
            return cpu.entrySet().stream().filter(e -> e.getKey().startsWith("server: "))
                    .mapToDouble(Map.Entry::getValue).sum() * 1000 / searches;
        }

        /** The CPU of the connections to the app's database (PostgreSQL may serve other work too). */
        double postgresMs() {
            return perSearchMs(CpuSplit.DATABASE_CONNECTIONS);
        }
    }

    static Run run(long serverPid, String database, List<String> questions, int searches, int concurrency, Search search)
            throws Exception {
        Map<String, Double> before = CpuSplit.snapshot(serverPid, database);
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < searches; i = next.getAndIncrement()) {
                        search.send(questions.get(i % questions.size()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> after = CpuSplit.snapshot(serverPid, database);
        return new Run(CpuSplit.used(before, after), wall, searches);
    }

    /** As {@link #run}, under JFR's CPU-time sampler; the share of the request threads' samples per stage. */
    static Map<String, Double> stageShares(long serverPid, String database, Path jfr, List<String> questions, int searches,
            int concurrency, Search search) throws Exception {
        Files.deleteIfExists(jfr);
        jcmd(serverPid, "JFR.start", "name=search-cpu", "settings=none", "+jdk.CPUTimeSample#enabled=true",
                "+jdk.CPUTimeSample#throttle=5ms", "filename=" + jfr.toAbsolutePath());
        try {
            run(serverPid, database, questions, searches, concurrency, search);
        } finally {
            jcmd(serverPid, "JFR.stop", "name=search-cpu");
        }
        Map<String, Double> counts = new LinkedHashMap<>();
        STAGES.forEach(s -> counts.put(s[0], 0.0));
        double total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.CPUTimeSample") || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("eventThread") == null ? "" : e.getThread("eventThread").getJavaName();
            if (thread == null || !(thread.startsWith("executor-thread") || thread.startsWith("vert.x-eventloop"))) {
                continue; // background work is in the /proc groups
            }
            counts.merge(stageOf(e.getStackTrace().getFrames()), 1.0, Double::sum);
            total++;
        }
        if (total == 0) {
            throw new IllegalStateException("No CPU samples of request threads in " + jfr);
        }
        double n = total;
        counts.replaceAll((k, v) -> v / n);
        return counts;
    }

    private static String stageOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) { // innermost first
            String type = f.getMethod().getType().getName();
            for (String[] stage : STAGES) {
                for (int i = 1; i < stage.length; i++) {
                    if (!stage[i].isEmpty() && type.startsWith(stage[i])) {
                        return stage[0];
                    }
                }
            }
        }
        return STAGES.getLast()[0];
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || out.contains("Exception")) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
    }

    /**
     * The table: per stage the app's CPU per search (request-thread CPU split by the samples' shares; PostgreSQL, JIT
     * and GC from /proc), the floor and the gap; then the totals and searches per second per core.
     */
    static String table(Run app, Map<String, Double> shares, Map<String, Double> floor, int cores) {
        double jit = app.perSearchMs("server: JIT compiler (C1)") + app.perSearchMs("server: JIT compiler (C2)");
        double gc = app.perSearchMs("server: GC and VM");
        double requestThreads = app.perSearchMs("server: HTTP and request threads");
        double rest = app.serverMs() - jit - gc - requestThreads;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d searches in %.1f s on %d cores: server %.2f, "
                + "PostgreSQL %.2f, benchmark client %.2f CPU ms per search%n%n", app.searches(), app.wallSeconds(), cores,
                app.serverMs(), app.postgresMs(), app.perSearchMs("benchmark client (this JVM)")));
        sb.append("| stage | app CPU ms per search | floor CPU ms | gap ms |\n|---|---:|---:|---:|\n");
        double appTotal = 0;
        double floorTotal = 0;
        for (Map.Entry<String, Double> s : shares.entrySet()) {
            double ms = s.getValue() * requestThreads;
            Double f = s.getKey().startsWith(SearchFloor.EMBEDDING) ? floor.get(SearchFloor.EMBEDDING)
                    : s.getKey().startsWith(SearchFloor.BM25) ? floor.get(SearchFloor.BM25)
                    : s.getKey().equals(SearchFloor.SQL_CLIENT) ? floor.get(SearchFloor.SQL_CLIENT) : 0.0;
            sb.append(row(s.getKey(), ms, f));
            appTotal += ms;
            floorTotal += f;
        }
        double pg = app.postgresMs();
        double pgFloor = floor.get(SearchFloor.SQL_BACKEND);
        sb.append(row("PostgreSQL backends of the app's database (all SQL of the search)", pg, pgFloor));
        sb.append(row("JIT compilers", jit, 0));
        sb.append(row("GC and VM threads", gc, 0));
        sb.append(row("other server threads", rest, 0));
        appTotal += pg + jit + gc + rest;
        floorTotal += pgFloor;
        sb.append(String.format(Locale.ROOT, "| **total (server + PostgreSQL)** | **%.2f** | **%.2f** | **%.2f** |%n",
                appTotal, floorTotal, appTotal - floorTotal));
        sb.append(String.format(Locale.ROOT, "| **searches per second per core** | **%.1f** | **%.1f** | |%n",
                1000 / appTotal, 1000 / floorTotal));
        return sb.toString();
    }

    private static String row(String stage, double app, double floor) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", stage, app, floor, app - floor);
    }
}
