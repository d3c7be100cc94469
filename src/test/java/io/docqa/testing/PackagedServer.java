package io.docqa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.docqa.cli.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged app ({@code target/quarkus-app/quarkus-run.jar}) as a separate process that a test controls: start,
 * kill -9, start again on the same database and data directory.
 */
public final class PackagedServer {

    private static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
    /** Generous: a start takes 15 s on an idle machine but over three minutes on a heavily loaded one. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Map<String, String> settings;
    private final Path log;
    private final int port;
    private Process process;

    public PackagedServer(Map<String, String> settings, Path log) throws IOException {
        this.settings = settings;
        this.log = log;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ApiClient client() {
        return new ApiClient(url(), Api.ADMIN, Api.ADMIN_PASSWORD);
    }

    public void start() throws Exception {
        Path jar = Path.of(System.getProperty("docqa.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Package the app first (mvn package): " + jar + " is missing");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-Dquarkus.http.port=" + port));
        String extra = System.getProperty("docqa.bench.server-jvm", "").strip(); // e.g. GC or JIT flags to compare
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (!settings.containsKey(SESSION_KEY)) { // several instances on one database need one shared key
            cmd.add("-D" + SESSION_KEY + "=docqa-test-session-key-not-a-secret");
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ApiClient api = client();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                JsonNode ignored = api.get("/api/collections");
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("The server did not start within " + START_TIMEOUT + "; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A normal stop (SIGTERM), so that the Lucene writer is closed before the test reads the index. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Waits (at most 300 s) until a document is READY or FAILED and returns it as the API shows it. */
    public static JsonNode awaitFinal(ApiClient api, long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode doc = api.get("/api/documents/" + id);
            String status = doc.get("status").asText();
            if (status.equals("READY") || status.equals("FAILED")) {
                return doc;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Document " + id + " did not finish within 300 s");
    }
}
