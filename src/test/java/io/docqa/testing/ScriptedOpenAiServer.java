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
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    /** One scripted reply. */
    public record Reply(String content, Duration delay, Duration tokenDelay) {
        public Reply(String content, Duration delay) {
            this(content, delay, Duration.ZERO);
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

    public ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void enqueue(Reply reply) {
        replies.add(reply);
    }

    /** Computes the reply to every request that finds no scripted reply queued (the request body is its input). */
    public void respondWith(java.util.function.Function<String, String> responder) {
        this.responder = responder;
    }

    private volatile java.util.function.Function<String, String> responder;

    public List<String> requests() {
        return requests;
    }

    public void reset() {
        replies.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        Reply reply = replies.poll();
        if (reply == null) {
            java.util.function.Function<String, String> r = responder;
            reply = Reply.of(r == null ? "NOT_FOUND" : r.apply(body));
        }
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
