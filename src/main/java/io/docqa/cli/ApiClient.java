package io.docqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A small client of DocQA's REST API for the command line. Server and credentials come from
 * {@code DOCQA_URL} (default http://localhost:8080), {@code DOCQA_USER} and {@code DOCQA_PASSWORD}, or the
 * options {@code --url}, {@code --user}, {@code --password}.
 */
public final class ApiClient {

    /** An error answer of the API, with its status and message. */
    public static final class ApiError extends IOException {
        private final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(String baseUrl, String user, String password) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    public JsonNode delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** Uploads files in one multipart request (parts named "file"). */
    public JsonNode upload(String path, List<Path> files) throws IOException, InterruptedException {
        return upload(path, files, files.stream().map(f -> f.getFileName().toString()).toList());
    }

    /** Uploads files in one multipart request, each under the given file name. */
    public JsonNode upload(String path, List<Path> files, List<String> names) throws IOException, InterruptedException {
        String boundary = "docqa-" + UUID.randomUUID();
        List<BodyPublisher> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + names.get(i).replace("\"", "'") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            parts.add(BodyPublishers.ofString(header, StandardCharsets.UTF_8));
            parts.add(BodyPublishers.ofFile(file)); // streamed from disk
            parts.add(BodyPublishers.ofString("\r\n"));
        }
        parts.add(BodyPublishers.ofString("--" + boundary + "--\r\n"));
        BodyPublisher body = BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .header("Authorization", authorization).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(5));
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body() == null || response.body().isBlank() ? json.nullNode() : parse(response.body());
        if (response.statusCode() >= 400) {
            String message = body.hasNonNull("message") ? body.get("message").asText() : response.body();
            throw new ApiError(response.statusCode(), "HTTP " + response.statusCode() + ": " + message);
        }
        return body;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
