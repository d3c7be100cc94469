package io.docqa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Cost of the security layer against a RUNNING server (start it with DOCQA_SECURITY_RATE_LIMIT_PER_MINUTE=0):
 * authentication by HTTP Basic (bcrypt on every request) against a personal API token (SHA-256 lookup), and
 * search latency of an administrator (no membership lookup) against a reader whose membership is read and put into
 * the Lucene and pgvector filters. Prints a Markdown table. Usage: scripts/bench.sh security URL ADMIN_PASSWORD [n]
 */
public final class SecurityBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/$", "");
        String admin = basic("admin", args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String reader = "bench-" + suffix;
        String password = "bench-password-" + suffix;

        long contracts = JSON.readTree(send(base, "POST", "/api/collections", admin,
                "{\"name\":\"bench contracts " + suffix + "\"}").body()).get("id").asLong();
        long hr = JSON.readTree(send(base, "POST", "/api/collections", admin,
                "{\"name\":\"bench hr " + suffix + "\"}").body()).get("id").asLong();
        upload(base, admin, contracts, Path.of("src/test/resources/fixtures/service-agreement.pdf"));
        upload(base, admin, hr, Path.of("src/test/resources/fixtures/employee-handbook.docx"));
        send(base, "POST", "/api/users", admin,
                "{\"username\":\"" + reader + "\",\"password\":\"" + password + "\",\"role\":\"READER\"}");
        send(base, "PUT", "/api/collections/" + contracts + "/members/" + reader, admin, "{\"role\":\"READER\"}");
        String readerBasic = basic(reader, password);
        String token = JSON.readTree(send(base, "POST", "/api/tokens", readerBasic, "{\"name\":\"bench\"}").body())
                .get("token").asText();
        String adminToken = JSON.readTree(send(base, "POST", "/api/tokens", admin, "{\"name\":\"bench\"}").body())
                .get("token").asText();
        Thread.sleep(5000); // let ingestion finish

        List<String[]> rows = new ArrayList<>();
        rows.add(row("GET /api/collections, HTTP Basic (bcrypt cost 10)", time(n, () -> send(base, "GET", "/api/collections", readerBasic, null))));
        rows.add(row("GET /api/collections, Bearer API token", time(n, () -> send(base, "GET", "/api/collections", "Bearer " + token, null))));
        String query = "{\"query\":\"notice period for termination\",\"limit\":10}";
        rows.add(row("POST /api/search, admin (all collections, no membership lookup), Bearer", time(n / 4, () -> send(base, "POST", "/api/search", "Bearer " + adminToken, query))));
        rows.add(row("POST /api/search, reader (membership filter), Bearer", time(n / 4, () -> send(base, "POST", "/api/search", "Bearer " + token, query))));

        System.out.println("| request | n | mean ms | p50 ms | p95 ms |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    interface Call {
        HttpResponse<String> run() throws Exception;
    }

    static List<Double> time(int n, Call call) throws Exception {
        for (int i = 0; i < Math.min(10, n); i++) {
            call.run(); // warm-up
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = call.run();
            ms.add((System.nanoTime() - t) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            }
        }
        return ms;
    }

    static String[] row(String name, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new String[] {name, Integer.toString(sorted.size()), fmt(mean), fmt(sorted.get(sorted.size() / 2)),
                fmt(sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.95))))};
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(String base, String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void upload(String base, String auth, long collection, Path file) throws Exception {
        String boundary = "----bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Files.readAllBytes(file);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/collections/" + collection + "/documents"))
                .header("Authorization", auth).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("upload: HTTP " + r.statusCode() + " " + r.body());
        }
    }
}
