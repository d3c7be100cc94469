package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.cli.ApiClient;
import io.docqa.evaluate.RealCorpora;
import io.docqa.testing.Api;
import io.docqa.testing.PackagedServer;
import io.docqa.testing.PostgresTestDatabase;
import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Many people asking at once, against two packaged instances (-Xmx1g each) on one PostgreSQL database. Instance A
 * (role {@code all}) ingests the real corpora (licences, Bash manual, Debian FAQ) and answers extractively
 * ({@code POST /api/ask}, JSON); instance B (role {@code web}, its Lucene index following A's through PostgreSQL) answers
 * through a language model, streamed as server-sent events ({@code POST /api/ask}, {@code Accept: text/event-stream}).
 * The model is {@link ScriptedOpenAiServer} in this JVM with {@link ScriptedReader} replies, paced like a hosted model
 * (first token after {@code --first-token-ms}, then one word every {@code --token-ms}).
 *
 * <p>Each asker is its own user (READER of every collection, own API token) and asks the real-corpora questions in its
 * own seeded order, one after another without pause (a closed loop): half of them on A, half on B. After a warm-up of
 * {@code --warmup} seconds the askers run for {@code --seconds}; no request starts after that and those in flight
 * finish. Every non-2xx status, timeout (> {@code --timeout} s), I/O error, stream without its final {@code answer}
 * event, {@code error} event or model failure (B's answer falling back to extractive) counts as an error.
 * CPU per answer: each instance's process CPU ({@code /proc/<pid>/stat}) over the measured phase divided by the answers
 * it gave, and the CPU of the PostgreSQL backends serving it (found by {@code application_name} in
 * {@code pg_stat_activity}; backends that ended during the phase are missed).
 * The load client is the JDK's {@code java.net.http} client on virtual threads, to 127.0.0.1 only.
 *
 * <p>Usage: scripts/bench.sh askers [--askers 50] [--seconds 60] [--warmup 20] [--token-ms 20] [--first-token-ms 200]
 * [--timeout 60] [--corpora licenses,debian-faq (default; bash-manual also exists)] [--Ddocqa.key=value (both instances)]
 */
public final class ConcurrentAskersBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTRACTIVE = "extractive (A, JSON)";
    private static final String STREAMING = "LLM streamed (B, SSE)";
    private static final String PASSWORD = "asker-password-1";

    private ConcurrentAskersBenchmark() {
    }

    /** One finished request. */
    record Outcome(String type, long startNanos, long nanos, long firstTokenNanos, String error, boolean cited,
            int tokens) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SearchLoad.options(args);
        int askers = Integer.parseInt(opts.getOrDefault("askers", "50"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        int warmUp = Integer.parseInt(opts.getOrDefault("warmup", "20"));
        Duration tokenDelay = Duration.ofMillis(Long.parseLong(opts.getOrDefault("token-ms", "20")));
        Duration firstToken = Duration.ofMillis(Long.parseLong(opts.getOrDefault("first-token-ms", "200")));
        Duration timeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "60")));
        // the Bash manual (one 850 kB page) is left out by default: it alone takes longer to ingest than the rest
        List<String> corpora = List.of(opts.getOrDefault("corpora", "licenses,debian-faq").split(","));
        List<String> questions = questions(corpora);

        PostgresTestDatabase database = new PostgresTestDatabase();
        Map<String, String> shared = new HashMap<>(database.start());
        String url = shared.get("quarkus.datasource.jdbc.url");
        String dbUser = shared.get("quarkus.datasource.username");
        String dbPassword = shared.get("quarkus.datasource.password");
        // the per-user limits are not what is measured: high enough never to refuse (each request still counts)
        shared.put("docqa.security.rate-limit.per-minute", "1000000");
        shared.put("docqa.security.rate-limit.burst", "1000000");
        opts.forEach((k, v) -> {
            if (k.startsWith("D")) {
                shared.put(k.substring(1), v);
            }
        });
        Path work = Files.createTempDirectory("docqa-bench-askers");
        List<PackagedServer> servers = new ArrayList<>();
        Thread cleanUp = new Thread(() -> stopAll(servers, database)); // also when the run is interrupted
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try (ScriptedOpenAiServer llm = new ScriptedOpenAiServer()) {
            llm.respondWith(new ScriptedReader(), firstToken, tokenDelay);
            PackagedServer a = instance(servers, shared, work, "a", url, Map.of("docqa.cluster.role", "all"));
            PackagedServer b = instance(servers, shared, work, "b", url, Map.of("docqa.cluster.role", "web",
                    "docqa.answer.llm.provider", "openai", "docqa.answer.llm.base-url", llm.baseUrl(),
                    "docqa.answer.llm.api-key", "bench-key", "docqa.answer.llm.model", "scripted-reader"));
            ApiClient admin = a.client();
            List<Long> collections = ingest(admin, corpora, url, dbUser, dbPassword);
            awaitFollower(b);
            List<String> tokens = users(a, admin, collections, askers);
            System.err.printf("%d askers ready; %d questions; warm-up %d s%n", askers, questions.size(), warmUp);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            run(http, a, b, tokens, questions, warmUp, timeout, 1);
            System.err.printf("measuring %d s%n", seconds);

            String loadBefore = loadavg();
            List<Double> loads = Collections.synchronizedList(new ArrayList<>());
            Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleLoad(loads));
            long lastAnswer = scalar(url, dbUser, dbPassword, "SELECT coalesce(max(id), 0) FROM answer_records");
            Map<String, Long> pgBefore = backendCpu(url, dbUser, dbPassword);
            long cpuA0 = cpuMillis(a.pid());
            long cpuB0 = cpuMillis(b.pid());
            long self0 = cpuMillis(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            List<Outcome> outcomes = run(http, a, b, tokens, questions, seconds, timeout, 2);
            double wall = (System.nanoTime() - t0) / 1e9;
            long cpuA = cpuMillis(a.pid()) - cpuA0;
            long cpuB = cpuMillis(b.pid()) - cpuB0;
            long self = cpuMillis(ProcessHandle.current().pid()) - self0;
            Map<String, Long> pgAfter = backendCpu(url, dbUser, dbPassword);
            // answers the instances finished, also those whose asker had given up waiting
            long servedA = scalar(url, dbUser, dbPassword, "SELECT count(*) FROM answer_records WHERE channel = 'api' "
                    + "AND id > " + lastAnswer);
            long servedB = scalar(url, dbUser, dbPassword, "SELECT count(*) FROM answer_records WHERE channel = 'sse' "
                    + "AND id > " + lastAnswer);
            sampler.interrupt();
            String loadAfter = loadavg();

            long pgA = pgDelta(pgBefore, pgAfter, "docqa-askers-a");
            long pgB = pgDelta(pgBefore, pgAfter, "docqa-askers-b");
            String report = report(outcomes, wall, askers, seconds, warmUp, firstToken, tokenDelay, timeout, cpuA, cpuB,
                    pgA, pgB, self, servedA, servedB, scalar(url, dbUser, dbPassword, "SELECT count(*) FROM chunks"), questions.size(), loadBefore, loadAfter, loads);
            System.out.print(report);
            Files.writeString(Path.of("target/bench-askers.md"), report);
        } finally {
            stopAll(servers, database);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    private static synchronized void stopAll(List<PackagedServer> servers, PostgresTestDatabase database) {
        try {
            for (PackagedServer s : List.copyOf(servers)) {
                s.stop();
            }
            servers.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.stop();
    }

    private static PackagedServer instance(List<PackagedServer> servers, Map<String, String> shared, Path work, String name,
            String url, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(shared);
        // the name tells this instance's PostgreSQL backends apart in pg_stat_activity
        settings.put("quarkus.datasource.jdbc.url", url + "?ApplicationName=docqa-askers-" + name);
        settings.put("docqa.corpus.data-dir", work.resolve(name).toString());
        settings.put("docqa.cluster.instance-id", "askers-" + name);
        settings.putAll(extra);
        PackagedServer server = new PackagedServer(settings, Path.of("target/bench-askers-" + name + ".log"));
        servers.add(server);
        server.start();
        return server;
    }

    /** The real-corpora questions (answerable and not, every split), in file order. */
    private static List<String> questions(List<String> corpora) throws IOException {
        List<String> out = new ArrayList<>();
        for (String corpus : corpora) {
            for (String line : Files.readAllLines(RealCorpora.questions(corpus), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line).get("question").asText());
                }
            }
        }
        return out;
    }

    /** One collection per corpus with the pipeline a user would pick, every document READY or FAILED; then ANALYZE. */
    private static List<Long> ingest(ApiClient admin, List<String> corpora, String url, String user, String password)
            throws Exception {
        long t0 = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (String corpus : corpora) {
            long id = admin.post("/api/collections", Map.of("name", corpus, "pipeline", RealCorpora.pipeline(corpus)))
                    .get("id").asLong();
            List<Path> files;
            try (Stream<Path> list = Files.list(RealCorpora.documents(corpus))) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("No documents in " + RealCorpora.documents(corpus)
                        + "; scripts/bench.sh askers fetches them");
            }
            admin.upload("/api/collections/" + id + "/documents", files);
            ids.add(id);
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            while (count(st, "SELECT count(*) FROM documents WHERE status IN ('QUEUED', 'PROCESSING')") > 0) {
                Thread.sleep(2000);
            }
            long failed = count(st, "SELECT count(*) FROM documents WHERE status = 'FAILED'");
            if (failed > 0) {
                throw new IllegalStateException(failed + " documents failed to ingest; see target/bench-askers-a.log");
            }
            st.execute("ANALYZE"); // as autovacuum would a minute later
            System.err.printf(Locale.ROOT, "ingested %,d chunks in %.0f s%n", count(st, "SELECT count(*) FROM chunks"),
                    (System.nanoTime() - t0) / 1e9);
        }
        return ids;
    }

    private static long scalar(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            return count(st, sql);
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until B's index has followed every change A made. */
    private static void awaitFollower(PackagedServer b) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(b.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode check : JSON.readTree(r.body()).get("checks")) {
                    if ("lucene-follower".equals(check.path("name").asText())
                            && check.path("data").path("lag").asLong(-1) == 0) {
                        return;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Instance B did not catch up with the index within 5 minutes");
    }

    /** One READER user per asker, member of every collection, with an API token of their own. */
    private static List<String> users(PackagedServer a, ApiClient admin, List<Long> collections, int askers)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString((Api.ADMIN + ":" + Api.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= askers; i++) {
            String name = String.format(Locale.ROOT, "asker-%02d", i);
            admin.post("/api/users", Map.of("username", name, "password", PASSWORD, "role", "READER"));
            for (long collection : collections) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(a.url() + "/api/collections/"
                        + collection + "/members/" + name)).header("Authorization", basic)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"READER\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 204) {
                    throw new IllegalStateException("membership of " + name + ": HTTP " + r.statusCode() + " " + r.body());
                }
            }
            tokens.add(new ApiClient(a.url(), name, PASSWORD).post("/api/tokens", Map.of("name", "askers-bench"))
                    .get("token").asText());
        }
        return tokens;
    }

    /**
     * Every asker asks, one question after another, until {@code seconds} have passed; the first half on A, the
     * others on B. Returns every request once all have finished.
     */
    private static List<Outcome> run(HttpClient http, PackagedServer a, PackagedServer b, List<String> tokens,
            List<String> questions, int seconds, Duration timeout, long seed) throws InterruptedException {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            boolean streaming = i >= tokens.size() / 2;
            URI ask = URI.create((streaming ? b : a).url() + "/api/ask");
            String token = tokens.get(i);
            Random random = new Random(seed * 1000 + i);
            threads.add(Thread.ofVirtual().name("asker-" + i).start(() -> {
                while (System.nanoTime() < end) {
                    String question = questions.get(random.nextInt(questions.size()));
                    outcomes.add(streaming ? askStreaming(http, ask, token, question, timeout)
                            : ask(http, ask, token, question, timeout));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new ArrayList<>(outcomes);
    }

    private static HttpRequest request(URI ask, String token, String question, Duration timeout, String accept)
            throws IOException {
        return HttpRequest.newBuilder(ask).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question))))
                .build();
    }

    private static Outcome ask(HttpClient http, URI ask, String token, String question, Duration timeout) {
        long s = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request(ask, token, question, timeout, "application/json"),
                    HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - s;
            if (r.statusCode() / 100 != 2) {
                return failed(EXTRACTIVE, s, "HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            JsonNode answer = JSON.readTree(r.body());
            if (!answer.hasNonNull("answer") || !"extractive".equals(answer.path("mode").asText())) {
                return failed(EXTRACTIVE, s, "unexpected answer: " + abbreviate(r.body()));
            }
            return timed(new Outcome(EXTRACTIVE, s, nanos, -1, null, answer.path("citations").size() > 0, 0), timeout);
        } catch (HttpTimeoutException e) {
            return failed(EXTRACTIVE, s, "timeout");
        } catch (IOException e) {
            return failed(EXTRACTIVE, s, "I/O: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(EXTRACTIVE, s, "interrupted");
        }
    }

    /** Reads the event stream to its end: tokens, then one {@code answer} event from a model (not a fallback). */
    private static Outcome askStreaming(HttpClient http, URI ask, String token, String question, Duration timeout) {
        long s = System.nanoTime();
        try {
            HttpResponse<Stream<String>> r = http.send(request(ask, token, question, timeout, "text/event-stream"),
                    HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() / 100 != 2) {
                try (Stream<String> body = r.body()) {
                    return failed(STREAMING, s, "HTTP " + r.statusCode() + ": " + abbreviate(String.join("\n",
                            body.toList())));
                }
            }
            long firstToken = -1;
            int tokens = 0;
            String event = "message";
            StringBuilder data = new StringBuilder();
            JsonNode answer = null;
            String error = null;
            try (Stream<String> body = r.body()) {
                for (Iterator<String> lines = body.iterator(); lines.hasNext();) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).stripLeading());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        switch (event) {
                            case "token" -> {
                                tokens++;
                                if (firstToken < 0) {
                                    firstToken = System.nanoTime() - s;
                                }
                            }
                            case "answer" -> answer = JSON.readTree(data.toString());
                            case "error" -> error = "error event: " + abbreviate(data.toString());
                            default -> error = "unexpected event " + event;
                        }
                        event = "message";
                        data.setLength(0);
                    }
                }
            }
            long nanos = System.nanoTime() - s;
            if (error != null) {
                return failed(STREAMING, s, error);
            }
            if (answer == null) {
                return failed(STREAMING, s, "stream ended without an answer event");
            }
            if (!"llm".equals(answer.path("mode").asText())) { // the model failed and the answer fell back
                return failed(STREAMING, s, "model failed: " + abbreviate(answer.path("notice").asText()));
            }
            return timed(new Outcome(STREAMING, s, nanos, firstToken, null, answer.path("citations").size() > 0, tokens),
                    timeout);
        } catch (HttpTimeoutException e) {
            return failed(STREAMING, s, "timeout");
        } catch (IOException e) {
            return failed(STREAMING, s, "I/O: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(STREAMING, s, "interrupted");
        }
    }

    /** A response slower than the timeout is an error even when it arrived (the headers' timeout does not cover a body). */
    private static Outcome timed(Outcome o, Duration timeout) {
        return o.nanos() > timeout.toNanos() ? failed(o.type(), o.startNanos(), "timeout (whole response)") : o;
    }

    private static Outcome failed(String type, long start, String error) {
        return new Outcome(type, start, System.nanoTime() - start, -1, error, false, 0);
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static String report(List<Outcome> outcomes, double wall, int askers, int seconds, int warmUp,
            Duration firstToken, Duration tokenDelay, Duration timeout, long cpuA, long cpuB, long pgA, long pgB, long self,
            long servedA, long servedB, long chunks, int questions, String loadBefore, String loadAfter, List<Double> loads) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d askers (%d on A, extractive JSON; %d on B, LLM streamed as SSE), "
                + "%d s measured after %d s warm-up (%.1f s until the last request ended); %,d chunks, %d questions; "
                + "scripted model: first token after %d ms, then a word every %d ms; timeout %d s; %d cores; "
                + "instances -Xmx1g%n%n", askers, askers / 2, askers - askers / 2, seconds, warmUp, wall, chunks,
                questions, firstToken.toMillis(), tokenDelay.toMillis(), timeout.toSeconds(),
                Runtime.getRuntime().availableProcessors()));
        out.append("| request type | requests | errors | p50 ms | p95 ms | p99 ms | max ms | answers/s "
                + "| first token p50 / p95 ms | with citations | answers the instance finished | instance CPU: cores used, "
                + "ms per finished answer | its PostgreSQL backends, CPU ms per finished answer |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|\n");
        Map<String, String> errors = new TreeMap<>();
        Map<String, AtomicLong> errorCounts = new ConcurrentHashMap<>();
        for (String type : List.of(EXTRACTIVE, STREAMING)) {
            List<Outcome> of = outcomes.stream().filter(o -> o.type().equals(type)).toList();
            List<Outcome> ok = of.stream().filter(o -> o.error() == null).toList();
            of.stream().filter(o -> o.error() != null).forEach(o -> {
                String kind = o.error().replaceAll(":.*", "");
                errorCounts.computeIfAbsent(type + ": " + kind, k -> new AtomicLong()).incrementAndGet();
                errors.putIfAbsent(type + ": " + kind, o.error());
            });
            long[] lat = ok.stream().mapToLong(Outcome::nanos).sorted().toArray();
            long[] ttft = ok.stream().filter(o -> o.firstTokenNanos() >= 0).mapToLong(Outcome::firstTokenNanos).sorted()
                    .toArray();
            long cpu = type.equals(EXTRACTIVE) ? cpuA : cpuB;
            long pg = type.equals(EXTRACTIVE) ? pgA : pgB;
            long served = type.equals(EXTRACTIVE) ? servedA : servedB;
            long cited = ok.stream().filter(Outcome::cited).count();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %.1f | %s | %d %% | %d | %.2f, %s "
                    + "| %s |%n", type, of.size(), of.size() - ok.size(), ms(lat, 50), ms(lat, 95), ms(lat, 99),
                    ms(lat, 100), ok.size() / wall, ttft.length == 0 ? "–" : ms(ttft, 50) + " / " + ms(ttft, 95),
                    ok.isEmpty() ? 0 : Math.round(100.0 * cited / ok.size()), served, cpu / 1000.0 / wall,
                    served == 0 ? "–" : String.format(Locale.ROOT, "%.0f", (double) cpu / served),
                    served == 0 ? "–" : String.format(Locale.ROOT, "%.1f", (double) pg / served)));
        }
        long answers = outcomes.stream().filter(o -> o.error() == null).count();
        long streamed = outcomes.stream().filter(o -> o.error() == null && o.tokens() > 0).count();
        out.append(String.format(Locale.ROOT, "%nCPU over the measured phase: A %.1f s, B %.1f s, their PostgreSQL backends "
                + "%.1f s and %.1f s, this JVM (load client and scripted model) %.1f s; both instances and their backends "
                + "together %.0f ms per finished answer (%d finished, %d received in time). On B, %d answers streamed model tokens (the others abstained "
                + "before the model was asked).%n", cpuA / 1000.0, cpuB / 1000.0, pgA / 1000.0, pgB / 1000.0,
                self / 1000.0, servedA + servedB == 0 ? 0 : (double) (cpuA + cpuB + pgA + pgB) / (servedA + servedB),
                servedA + servedB, answers, streamed));
        double min = loads.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = loads.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        out.append(String.format(Locale.ROOT, "Load (1-minute average) during the phase: %.1f–%.1f; /proc/loadavg before: %s; "
                + "after: %s%n", min, max, loadBefore, loadAfter));
        if (!errors.isEmpty()) {
            out.append("\nErrors by kind (count, first message):\n\n");
            errors.forEach((k, v) -> out.append("- ").append(k).append(": ").append(errorCounts.get(k).get())
                    .append(" — ").append(v).append('\n'));
        }
        return out.toString();
    }

    private static String ms(long[] sorted, int p) {
        if (sorted.length == 0) {
            return "–";
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return String.format(Locale.ROOT, "%.0f", sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6);
    }

    /** CPU milliseconds used so far by each backend of this database, by backend pid, keyed "application_name pid". */
    private static Map<String, Long> backendCpu(String url, String user, String password) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement ps = c.prepareStatement("SELECT pid, application_name FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long pid = rs.getLong(1);
                String key = rs.getString(2) + " " + pid;
                ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                        .ifPresent(d -> out.put(key, d.toMillis()));
            }
        }
        return out;
    }

    /** CPU of the backends named {@code application} between two readings (a new backend counts whole). */
    private static long pgDelta(Map<String, Long> before, Map<String, Long> after, String application) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith(application + " ")) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    private static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toMillis).orElseThrow();
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void sampleLoad(List<Double> loads) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                loads.add(Double.parseDouble(loadavg().split(" ")[0]));
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a missed sample
            }
        }
    }
}
