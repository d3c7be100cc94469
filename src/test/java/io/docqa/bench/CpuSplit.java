package io.docqa.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU of a measured interval went, from Linux's per-thread and per-process counters: the server's threads
 * grouped by name (embedding, ingest workers, JIT, GC, Lucene indexing and merges, HTTP, other), every PostgreSQL process, and the
 * benchmark's own JVM. Take a {@link #snapshot} before and after, and print {@link #table} of the difference.
 */
final class CpuSplit {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private CpuSplit() {
    }

    /** CPU seconds used so far by each group. */
    static Map<String, Double> snapshot(long serverPid) {
        return snapshot(serverPid, null);
    }

    /**
     * As {@link #snapshot(long)}, with the connections to {@code database} as a group of their own
     * ({@link #DATABASE_CONNECTIONS}): on a PostgreSQL shared with other work only they are the measured server's.
     */
    static Map<String, Double> snapshot(long serverPid, String database) {
        Map<String, Double> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + serverPid + "/task"))) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm")).strip();
                out.put("server: " + group(name) + ID + task.getFileName(), seconds(task.resolve("stat")));
            }
            // the process counters include threads that have ended (Lucene merge threads, short-lived pools), and
            // its children's counters the parser processes that have ended
            out.put(SERVER_PROCESS, seconds(Path.of("/proc/" + serverPid + "/stat")));
            out.put("parser processes that ended", childSeconds(Path.of("/proc/" + serverPid + "/stat")));
        } catch (IOException e) {
            // the server is gone: only the other groups
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (read(proc.resolve("cmdline")).contains("-Ddocqa.parser-pool=") && parent(proc) == serverPid) {
                    out.put("parser processes" + ID + proc.getFileName(), seconds(proc.resolve("stat")));
                } else if ("postgres".equals(read(proc.resolve("comm")).strip())) {
                    String group = postgresGroup(read(proc.resolve("cmdline")), database);
                    out.put(group + ID + proc.getFileName(), seconds(proc.resolve("stat")));
                    if (group.endsWith("postmaster")) { // processes that ended (autovacuum workers, closed connections)
                        out.merge("postgresql: processes that ended", childSeconds(proc.resolve("stat")), Double::sum);
                    }
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
        out.put("benchmark client (this JVM)", seconds(Path.of("/proc/self/stat")));
        out.put(IDLE, machineIdleSeconds());
        return out;
    }

    /** CPU seconds used between two snapshots by the groups chosen (never the machine's idle time). */
    static double used(Map<String, Double> before, Map<String, Double> after, java.util.function.Predicate<String> groups) {
        return used(before, after).entrySet().stream().filter(e -> !e.getKey().equals(IDLE) && groups.test(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /**
     * CPU seconds used between two snapshots, by group (and the machine's idle time under {@link #IDLE}). Counted
     * per thread and per process: a thread or process that ended in between takes its earlier CPU with it, which
     * summed counters per group would count as used (or hide from the group it ran in). The server's threads that
     * ended in between are its process counter's growth less that of its live threads.
     */
    static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new TreeMap<>();
        double serverThreads = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            if (e.getKey().equals(SERVER_PROCESS)) {
                continue;
            }
            double d = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0.0)); // new ones: all of it
            int id = e.getKey().lastIndexOf(ID);
            String group = id < 0 ? e.getKey() : e.getKey().substring(0, id);
            used.merge(group, d, Double::sum);
            if (group.startsWith("server: ")) {
                serverThreads += d;
            }
        }
        if (after.containsKey(SERVER_PROCESS)) {
            double server = after.get(SERVER_PROCESS) - before.getOrDefault(SERVER_PROCESS, 0.0);
            used.put("server: threads that ended", Math.max(0, server - serverThreads));
        }
        return used;
    }

    /** Separates a group from the thread or process id in a snapshot's keys. */
    private static final String ID = "#";

    /** Key of the server process's own counter (all its threads, live and ended) in a snapshot. */
    private static final String SERVER_PROCESS = "server (process)";

    /** Key of the connections to the database named in {@link #snapshot(long, String)}. */
    static final String DATABASE_CONNECTIONS = "postgresql: connections to the measured database";

    /** Key of the machine's idle time (from /proc/stat) in a snapshot; reported separately, not as a use. */
    static final String IDLE = "(machine idle)";

    /** A Markdown table of the CPU seconds between two snapshots, largest first, with shares. */
    static String table(Map<String, Double> before, Map<String, Double> after, double wallSeconds, int cores) {
        return table(before, after, wallSeconds, cores, 0);
    }

    /** As {@link #table}, with a column of CPU milliseconds per request when {@code requests} is positive. */
    static String table(Map<String, Double> before, Map<String, Double> after, double wallSeconds, int cores, int requests) {
        return table(before, after, wallSeconds, cores, requests, "request");
    }

    /** As {@link #table}, with a column of CPU milliseconds per {@code unit} when {@code units} is positive. */
    static String table(Map<String, Double> before, Map<String, Double> after, double wallSeconds, int cores, int units,
            String unit) {
        int requests = units;
        Map<String, Double> used = new LinkedHashMap<>(used(before, after));
        Double idle = used.remove(IDLE);
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "CPU over %.1f s of wall time on %d cores (capacity %.1f CPU-s, used %.1f",
                wallSeconds, cores, wallSeconds * cores, total));
        sb.append(idle == null ? "):%n%n".formatted() : String.format(Locale.ROOT, ", machine idle %.1f):%n%n", idle));
        sb.append(requests > 0 ? "| where | CPU s | share of used | CPU ms per " + unit + " |\n|---|---:|---:|---:|\n"
                : "| where | CPU s | share of used |\n|---|---:|---:|\n");
        List<Map.Entry<String, Double>> rows = used.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Double> r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f %% |", r.getKey(), r.getValue(),
                    total == 0 ? 0 : 100 * r.getValue() / total));
            sb.append(requests > 0 ? String.format(Locale.ROOT, " %.2f |%n", 1000 * r.getValue() / requests) : "\n");
        }
        return sb.toString();
    }

    /**
     * PostgreSQL names its processes "postgres: [<cluster name>: ]<role>" (Debian sets the cluster name, "15/main");
     * connections are "postgres: [<cluster name>: ]<user> <db> <client> <state>".
     */
    private static String postgresGroup(String cmdline, String database) {
        String title = cmdline.replace('\0', ' ').strip();
        if (!title.startsWith("postgres: ")) {
            return "postgresql: postmaster";
        }
        String role = title.substring("postgres: ".length()).replaceFirst("^\\S+: ", "");
        if (database != null && role.matches("\\S+ " + java.util.regex.Pattern.quote(database) + " .*")) {
            return DATABASE_CONNECTIONS;
        }
        for (String background : List.of("checkpointer", "background writer", "walwriter", "autovacuum", "logical replication",
                "stats collector", "archiver")) {
            if (role.startsWith(background)) {
                return "postgresql: " + (background.equals("autovacuum") ? "autovacuum" : "checkpointer, writers");
            }
        }
        return "postgresql: connections (queries)";
    }

    private static String group(String thread) {
        if (thread.startsWith("embed-")) {
            return "embedding";
        }
        if (thread.startsWith("ingest-")) {
            return "ingest workers (parse, chunk, store)";
        }
        if (thread.startsWith("C1 Compiler")) {
            return "JIT compiler (C1)";
        }
        if (thread.startsWith("C2 Compiler")) {
            return "JIT compiler (C2)";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("VM Thread")) {
            return "GC and VM";
        }
        if (thread.startsWith("Lucene Merge") || thread.startsWith("lucene-sync")) {
            return "Lucene indexing and merges";
        }
        if (thread.startsWith("vert.x") || thread.startsWith("executor-thread")) {
            return "HTTP and request threads";
        }
        return "other";
    }

    /** Idle and I/O-wait time of all CPUs so far, from the first line of /proc/stat. */
    private static double machineIdleSeconds() {
        String first = read(Path.of("/proc/stat")).lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (f.length < 6 || !f[0].equals("cpu")) {
            return 0;
        }
        return (Long.parseLong(f[4]) + Long.parseLong(f[5])) / TICKS_PER_SECOND;
    }

    /** The parent process id of a process (0 when it cannot be read). */
    private static long parent(Path proc) {
        String[] f = fields(proc.resolve("stat"));
        return f.length > 1 ? Long.parseLong(f[1]) : 0;
    }

    /** CPU of a process's children that have ended and been waited for (cutime + cstime). */
    private static double childSeconds(Path stat) {
        String[] f = fields(stat);
        return f.length > 14 ? (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND : 0;
    }

    private static String[] fields(Path stat) {
        String s = read(stat);
        int close = s.lastIndexOf(')');
        return close < 0 ? new String[0] : s.substring(close + 2).split(" ");
    }

    /** CPU seconds a process (all its threads, live and ended) has used so far; 0 when it is gone. */
    static double processSeconds(long pid) {
        return seconds(Path.of("/proc/" + pid + "/stat"));
    }

    private static double seconds(Path stat) {
        String s = read(stat);
        int close = s.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = s.substring(close + 2).split(" ");
        // after "pid (comm) ": state is f[0]; utime and stime are fields 14 and 15 of stat, i.e. f[11] and f[12]
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
