package io.docqa.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OpenAI-compatible chat completions server on 127.0.0.1: it answers with scripted replies (optionally
 * after a delay) and records the request bodies, so tests can check the prompt DocQA sent over real HTTP. A
 * request with {@code "stream": true} is answered as a server-sent event stream of completion chunks.
 *
 * <p>It also serves {@code /v1/embeddings}: deterministic vectors from a hashing scheme (each lower-case word adds
 * ±1 to the dimension its hash picks, salted by the model name, then the vector is normalised), so texts that share
 * words are close and two model names give unrelated vectors. Failures, delays and wrong dimensions can be scripted,
 * and every embedding request is recorded (model and inputs).
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    /** One scripted reply; a {@code status} other than 200 answers that HTTP status with {@code content} as body. */
    public record Reply(String content, Duration delay, Duration tokenDelay, int status) {
        public Reply(String content, Duration delay, Duration tokenDelay) {
            this(content, delay, tokenDelay, 200);
        }

        public Reply(String content, Duration delay) {
            this(content, delay, Duration.ZERO);
        }

        /** An HTTP error with an OpenAI-style error body. */
        public static Reply error(int status) {
            return new Reply("{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}",
                    Duration.ZERO, Duration.ZERO, status);
        }

        public static Reply of(String content) {
            return new Reply(content, Duration.ZERO);
        }

        /** Streamed one word every {@code tokenDelay}, so a client can be seen showing the first words early. */
        public static Reply streamedSlowly(String content, Duration tokenDelay) {
            return new Reply(content, Duration.ZERO, tokenDelay);
        }
    }

    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    /** A word with the whitespace before it: the pieces a streamed reply is cut into. */
    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<EmbeddingRequest> embeddingRequests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<EmbeddingFault> embeddingFaults = new ConcurrentLinkedDeque<>();
    private final java.util.Map<String, Integer> modelDimensions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int defaultDimensions = 64;
    private volatile Duration embeddingLatency = Duration.ZERO;
    private final java.util.concurrent.atomic.AtomicInteger embeddingsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxEmbeddingsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One {@code /v1/embeddings} request as received. */
    public record EmbeddingRequest(String model, List<String> inputs, Integer dimensions) {
    }

    /**
     * What the next embedding request gets instead of vectors: an HTTP status with a body (status 0: the normal
     * answer), after a delay; {@code dimensions} other than 0 answers vectors of that size.
     */
    public record EmbeddingFault(int status, String body, Duration delay, int dimensions) {
        public static EmbeddingFault status(int status, String body) {
            return new EmbeddingFault(status, body, Duration.ZERO, 0);
        }

        public static EmbeddingFault delay(Duration delay) {
            return new EmbeddingFault(0, null, delay, 0);
        }

        public static EmbeddingFault dimensions(int dimensions) {
            return new EmbeddingFault(0, null, Duration.ZERO, dimensions);
        }
    }

    public ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/embeddings", this::embeddings);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** A started server, for a static field shared by a test resource and its test. */
    public static ScriptedOpenAiServer startOrFail() {
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void enqueue(Reply reply) {
        replies.add(reply);
    }

    /** Computes the reply to every request that finds no scripted reply queued (the request body is its input). */
    public void respondWith(java.util.function.Function<String, String> responder) {
        respondWith(responder, Duration.ZERO, Duration.ZERO);
    }

    /**
     * As {@link #respondWith(java.util.function.Function)}, each computed reply sent after {@code firstTokenDelay}
     * and, when streamed, one word every {@code tokenDelay}: the pace of a hosted model, for load measurements.
     */
    public void respondWith(java.util.function.Function<String, String> responder, Duration firstTokenDelay,
            Duration tokenDelay) {
        this.responderPace = new Reply("", firstTokenDelay, tokenDelay);
        this.responder = responder;
    }

    private volatile java.util.function.Function<String, String> responder;
    private volatile Reply responderPace = Reply.of("");

    public List<String> requests() {
        return requests;
    }

    public void reset() {
        replies.clear();
        requests.clear();
        embeddingRequests.clear();
        embeddingFaults.clear();
        embeddingLatency = Duration.ZERO;
        maxEmbeddingsInFlight.set(0);
    }

    /** The size of the vectors of {@code model} (when the request asks for no dimensions); 64 unless set. */
    public void dimensions(String model, int dimensions) {
        modelDimensions.put(model, dimensions);
    }

    public void enqueueEmbeddingFault(EmbeddingFault fault) {
        embeddingFaults.add(fault);
    }

    /** How long every embedding request takes (0 unless set). */
    public void embeddingLatency(Duration latency) {
        this.embeddingLatency = latency;
    }

    /** The most embedding requests that were in progress at the same time since the last {@link #reset()}. */
    public int maxEmbeddingRequestsInFlight() {
        return maxEmbeddingsInFlight.get();
    }

    public List<EmbeddingRequest> embeddingRequests() {
        return embeddingRequests;
    }

    /** The vector this server gives {@code text} under {@code model}. */
    public static float[] hashVector(String model, String text, int dimensions) {
        float[] v = new float[dimensions];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            int h = (model + "|" + word).hashCode();
            v[Math.floorMod(h, dimensions)] += (h & 0x10000) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        maxEmbeddingsInFlight.accumulateAndGet(embeddingsInFlight.incrementAndGet(), Math::max);
        try {
            if (!embeddingLatency.isZero()) {
                Thread.sleep(embeddingLatency.toMillis());
            }
            answerEmbeddings(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            embeddingsInFlight.decrementAndGet();
        }
    }

    private void answerEmbeddings(HttpExchange exchange) throws IOException {
        com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String model = body.path("model").asText();
        List<String> inputs = new java.util.ArrayList<>();
        if (body.path("input").isArray()) {
            body.path("input").forEach(n -> inputs.add(n.asText()));
        } else {
            inputs.add(body.path("input").asText());
        }
        Integer requested = body.hasNonNull("dimensions") ? body.get("dimensions").asInt() : null;
        embeddingRequests.add(new EmbeddingRequest(model, List.copyOf(inputs), requested));
        EmbeddingFault fault = embeddingFaults.poll();
        int dims = requested != null ? requested : modelDimensions.getOrDefault(model, defaultDimensions);
        if (fault != null) {
            if (!fault.delay().isZero()) {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fault.status() != 0) {
                send(exchange, fault.status(), fault.body());
                return;
            }
            if (fault.dimensions() != 0) {
                dims = fault.dimensions();
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", model);
        com.fasterxml.jackson.databind.node.ArrayNode data = out.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            com.fasterxml.jackson.databind.node.ArrayNode vector = data.addObject().put("object", "embedding").put("index", i)
                    .putArray("embedding");
            for (float x : hashVector(model, inputs.get(i), dims)) {
                vector.add(x);
            }
        }
        out.putObject("usage").put("prompt_tokens", inputs.size()).put("total_tokens", inputs.size());
        send(exchange, 200, JSON.writeValueAsString(out));
    }

    private static void send(HttpExchange exchange, int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (timeout test)
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        Reply reply = replies.poll();
        if (reply == null) {
            java.util.function.Function<String, String> r = responder;
            Reply pace = responderPace;
            reply = new Reply(r == null ? "NOT_FOUND" : r.apply(body), pace.delay(), pace.tokenDelay());
        }
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.status() != 200) {
            send(exchange, reply.status(), reply.content());
            return;
        }
        if (STREAM.matcher(body).find()) {
            stream(exchange, reply.content(), reply.tokenDelay());
            return;
        }
        String json = """
                {"id":"chatcmpl-test","object":"chat.completion","created":1700000000,"model":"scripted",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}
                """.formatted(quote(reply.content()));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (timeout test)
        }
    }

    /**
     * Streams the reply as OpenAI does: one {@code chat.completion.chunk} per word (spaces kept), a final chunk
     * with {@code finish_reason}, then {@code [DONE]}.
     */
    private static void stream(HttpExchange exchange, String content, Duration tokenDelay) {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        try {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                Matcher m = TOKEN.matcher(content);
                while (m.find()) {
                    out.write(chunk("{\"content\":" + quote(m.group()) + "}", "null"));
                    out.flush();
                    if (!tokenDelay.isZero()) {
                        Thread.sleep(tokenDelay.toMillis());
                    }
                }
                out.write(chunk("{}", "\"stop\""));
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the client gave up waiting (timeout test)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] chunk(String delta, String finishReason) {
        return ("data: {\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"scripted\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + finishReason + "}]}\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
