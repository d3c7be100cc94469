package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search requests against a packaged app for the latency benchmarks: {@code POST /api/search} (hybrid, limit 10) with
 * a bearer token, a warm-up, and one table row per concurrency with p50/p95/p99, throughput and the median stage
 * split of the response's {@code timings}.
 */
final class SearchLoad {

    static final String HEADER = "| concurrency | requests | p50 ms | p95 ms | p99 ms | max ms | throughput q/s "
            + "| median embed ms | bm25 ms | vector ms | fusion ms | load ms | total (server) ms |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STAGES = List.of("embedMs", "bm25Ms", "vectorMs", "fusionMs", "loadMs", "totalMs");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI search;
    private final String token;
    /** The collections searched, or null for every collection the caller may read. */
    private final List<Long> collections;

    SearchLoad(String serverUrl, String token, List<Long> collections) {
        this.search = URI.create(serverUrl + "/api/search");
        this.token = token;
        this.collections = collections;
    }

    /** The server settings every latency benchmark uses: its database, data directory, admin password, no rate limit. */
    static Map<String, String> serverSettings(BenchDatabase db, Path dataDir, Map<String, String> opts) {
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.datasource.jdbc.url", db.url());
        settings.put("quarkus.datasource.username", BenchDatabase.USER);
        settings.put("quarkus.datasource.password", "");
        settings.put("docqa.corpus.data-dir", dataDir.toString());
        settings.put("docqa.admin.password", Api.ADMIN_PASSWORD);
        settings.put("docqa.security.rate-limit.per-minute", "1000000");
        settings.put("docqa.security.rate-limit.burst", "1000000");
        opts.forEach((k, v) -> {
            if (k.startsWith("D")) {
                settings.put(k.substring(1), v); // --Ddocqa.x=y passes a server setting through
            }
        });
        return settings;
    }

    /** {@code --key value}, {@code --key=value} and the flags {@code --reuse}, {@code --overlap-builds} and {@code --prewarm}. */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + a);
            }
            String key = a.substring(2);
            if (key.contains("=")) {
                opts.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
            } else if (key.equals("reuse") || key.equals("overlap-builds") || key.equals("prewarm")) {
                opts.put(key, "true");
            } else {
                opts.put(key, args[++i]);
            }
        }
        return opts;
    }

    /** {@code --concurrency 1,4}; {@code none} for no latency table (e.g. only the CPU measurement). */
    static int[] concurrencies(Map<String, String> opts, String defaults) {
        String levels = opts.getOrDefault("concurrency", defaults);
        if (levels.equals("none")) {
            return new int[0];
        }
        return Arrays.stream(levels.split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /**
     * Warm-up: JIT (a compiler busy with the search path takes a core from the measured requests), model, page
     * cache, HNSW pages; at concurrency 4 so that concurrent code paths are compiled too.
     */
    void warmUp(List<String> questions, int passes) throws Exception {
        ExecutorService warm = Executors.newFixedThreadPool(4);
        List<Future<?>> warming = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            for (String q : questions) {
                warming.add(warm.submit(() -> send(q)));
            }
        }
        for (Future<?> f : warming) {
            f.get();
        }
        warm.shutdown();
    }

    /** Every question {@code rounds} times in a fixed shuffled order at this concurrency; one row of {@link #HEADER}. */
    String measure(List<String> questions, int concurrency, int rounds) throws Exception {
        List<String> work = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            work.addAll(questions);
        }
        Collections.shuffle(work, new java.util.Random(42));
        long[] latencies = new long[work.size()];
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        for (String s : STAGES) {
            stages.put(s, Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        JsonNode r = send(work.get(i));
                        latencies[i] = System.nanoTime() - s;
                        JsonNode timings = r.path("timings");
                        stages.forEach((k, list) -> {
                            if (timings.has(k)) {
                                list.add(timings.get(k).asDouble());
                            }
                        });
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        latencies[i] = -1;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " requests failed at concurrency " + concurrency);
        }
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f",
                concurrency, ok.length, pct(ok, 50), pct(ok, 95), pct(ok, 99), ok[ok.length - 1] / 1e6, ok.length / seconds));
        for (List<Double> values : stages.values()) {
            row.append(values.isEmpty() ? " | –" : String.format(Locale.ROOT, " | %.1f", median(values)));
        }
        return row.append(" |").toString();
    }

    JsonNode send(String query) throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("query", query, "limit", 10));
        if (collections != null) {
            body.put("collections", collections);
        }
        HttpRequest request = HttpRequest.newBuilder(search).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode result = JSON.readTree(response.body());
        if (result.path("results").size() == 0) {
            throw new IOException("No results for " + query);
        }
        return result;
    }

    private static double pct(long[] sortedNanos, int p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The peak resident set size of a process (VmHWM), 0 once it has exited. */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process has exited
        }
        return 0;
    }
}
