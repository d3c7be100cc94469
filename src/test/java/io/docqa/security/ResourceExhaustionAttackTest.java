package io.docqa.security;

import static io.docqa.security.PermissionAttackTest.PASSWORD;
import static io.docqa.security.PermissionAttackTest.as;
import static io.docqa.security.PermissionAttackTest.createUser;
import static io.docqa.security.PermissionAttackTest.world;
import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.docqa.testing.Api;
import io.docqa.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Resource exhaustion by a signed-in user: oversized bodies, unbounded lists and ranges, unpaged listings and
 * floods of expensive requests, against the running app. Each case failed before the limits existed (a 60 MB
 * search body was read and parsed, a listing returned every row, a flood of new tokens was never refused).
 */
@QuarkusTest
class ResourceExhaustionAttackTest {

    private static final long HUGE_BODY = 60L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_60_mb_json_body_with_content_length_is_refused_with_413_before_it_is_read() throws Exception {
        world();
        assertRefusedEarly(rawPost("/api/search", "alice", HUGE_BODY, false));
    }

    @Test
    void a_bodiless_delete_over_http2_reaches_its_endpoint() throws Exception {
        String user = "h2delete" + System.nanoTime();
        createUser(user, "READER");
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build(); // h2c upgrade, then HTTP/2 frames
        String auth = "Basic " + Base64.getEncoder().encodeToString((Api.ADMIN + ":" + Api.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        java.net.URI base = java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        // the first request upgrades the connection; the DELETE then travels as HTTP/2 without a body
        client.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/collections")).header("Authorization", auth)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> deleted = client.send(java.net.http.HttpRequest.newBuilder(
                base.resolve("/api/users/" + user)).header("Authorization", auth).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(deleted.statusCode() < 300, deleted.statusCode() + " " + deleted.body());
    }

    @Test
    void a_60_mb_chunked_json_body_is_refused_with_413_once_it_passes_the_limit() throws Exception {
        world();
        assertRefusedEarly(rawPost("/api/search", "alice", HUGE_BODY, true));
        // a small chunked body still reaches the endpoint whole
        Raw small = rawPost("/api/search", "alice", 2_000, true);
        assertEquals(200, small.status(), small.toString());
    }

    @Test
    void a_search_naming_more_than_a_hundred_collections_is_refused_and_repeated_ids_count_once() {
        PermissionAttackTest.World w = world();
        List<Long> forged = LongStream.rangeClosed(1, 101).map(i -> 1_000_000 + i).boxed().toList();
        String message = search("alice", forged).then().statusCode(400).extract().jsonPath().getString("message");
        assertTrue(message.contains("at most 100"), message);
        List<Long> repeated = Collections.nCopies(50_000, w.contracts());
        long started = System.nanoTime();
        search("alice", repeated).then().statusCode(200);
        System.out.println("search naming one collection 50,000 times: "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        // the same cap holds for questions, streamed or not
        as("alice").contentType(ContentType.JSON).body(Map.of("question", "termination?", "collections", forged))
                .post("/api/ask").then().statusCode(400);
    }

    @Test
    void a_highlight_span_over_the_whole_document_is_refused() {
        PermissionAttackTest.World w = world();
        String message = as("alice").queryParam("start", 0).queryParam("end", Integer.MAX_VALUE)
                .get("/api/documents/" + w.agreement() + "/highlights").then().statusCode(400).extract().jsonPath()
                .getString("message");
        assertTrue(message.contains("at most 20000"), message);
        as("alice").queryParam("start", 0).queryParam("end", 200)
                .get("/api/documents/" + w.agreement() + "/highlights").then().statusCode(200);
    }

    @Test
    void a_highlight_span_over_more_than_ten_pages_is_looked_for_on_the_first_ten_only() throws IOException {
        java.nio.file.Path pdf = java.nio.file.Files.createTempFile("fourteen-pages", ".pdf");
        String[] words = {"amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heron", "indigo", "juniper",
            "kestrel", "lagoon", "meadow", "nectar"};
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (String w : words) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var s = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(font, 12);
                    s.newLineAtOffset(72, 700);
                    s.showText("The " + w + " page tells of the " + w + " clause and nothing else at all.");
                    s.endText();
                }
            }
            doc.save(pdf.toFile());
        }
        long collection = Api.createCollection("fourteen-pages");
        long id = asAdmin().multiPart("file", pdf.toFile(), "application/pdf")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        List<Integer> pages = asAdmin().queryParam("start", 0).queryParam("end", 20_000)
                .get("/api/documents/" + id + "/highlights").then().statusCode(200).extract().jsonPath()
                .getList("pages.page", Integer.class);
        // io.docqa.answer.source.PdfPages.MAX_HIGHLIGHT_PAGES: the span is found on pages 1-10, never beyond
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 10).boxed().toList(), pages);
    }

    @Test
    void a_streamed_question_over_the_length_limit_is_refused_before_the_stream_starts() {
        world();
        Response r = as("alice").accept("text/event-stream").contentType(ContentType.JSON)
                .body(Map.of("question", "x".repeat(4001))).post("/api/ask");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.jsonPath().getString("message").contains("longer than 4000"), r.asString());
        search("alice", null, "y".repeat(4001)).then().statusCode(400);
    }

    @Test
    void a_document_listing_without_paging_returns_a_default_page_of_100_with_the_total() throws Exception {
        long collection = Api.createCollection("Unpaged listing (attack suite)");
        Sql.run(dataSource, "INSERT INTO documents (collection_id, name, size_bytes, sha256, status, progress) SELECT "
                + collection + ", 'bulk-' || g || '.txt', 1, repeat('e', 64), 'READY', 1 FROM generate_series(1, 150) g");
        try {
            Response first = asAdmin().get("/api/collections/" + collection + "/documents");
            first.then().statusCode(200);
            assertEquals(100, first.jsonPath().getList("id").size());
            assertEquals("150", first.header("X-Total-Count"));
            Response rest = asAdmin().get("/api/collections/" + collection + "/documents?offset=100");
            assertEquals(50, rest.jsonPath().getList("id").size());
        } finally {
            Sql.run(dataSource, "DELETE FROM documents WHERE collection_id = " + collection);
        }
    }

    @Test
    void a_conversation_listing_returns_at_most_the_100_most_recent() throws Exception {
        createUser("chatty", "READER");
        Sql.run(dataSource, "INSERT INTO conversations(owner_id, title) SELECT u.id, 'talk ' || g"
                + " FROM users u, generate_series(1, 120) g WHERE u.username = 'chatty'");
        List<Object> listed = as("chatty").get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .getList("id");
        assertEquals(100, listed.size());
    }

    @Test
    void flooding_token_and_conversation_creation_gets_429_with_retry_after() {
        createUser("flooder", "READER");
        Response last = null;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60 && (last == null || last.statusCode() == 201); i++) {
            last = as("flooder").contentType(ContentType.JSON).body(Map.of("name", "t" + i)).post("/api/tokens");
            statuses.add(last.statusCode());
        }
        assertEquals(429, last.statusCode(), statuses.toString());
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
        assertTrue(last.jsonPath().getString("message").contains("Too many"), last.asString());
        // the same bucket: new conversations get only what refilled since (2 a second at 120 a minute), not a
        // fresh burst of 30; a token may be due again by the time the first one is sent
        long since = System.nanoTime();
        int created = 0;
        int status = 201;
        for (int i = 0; i < 40 && status == 201; i++) {
            status = as("flooder").contentType(ContentType.JSON).body(Map.of("title", "more " + i))
                    .post("/api/conversations").statusCode();
            created += status == 201 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - since) / 1e9;
        assertEquals(429, status, "conversations created after the flood: " + created);
        assertTrue(created <= 2 + 2 * seconds, created + " conversations in " + seconds + " s after the flood");
        world();
        as("alice").contentType(ContentType.JSON).body(Map.of("title", "mine")).post("/api/conversations")
                .then().statusCode(201);
    }

    /** 413 with the API's JSON error, answered while most of the body was still unsent. */
    private static void assertRefusedEarly(Raw r) throws IOException {
        System.out.println("60 MB search body: " + r);
        assertEquals(413, r.status(), r.toString());
        assertEquals(413, JSON.readTree(r.body()).get("status").asInt(), r.body());
        assertTrue(JSON.readTree(r.body()).get("message").asText().contains("max-json-body-size"), r.body());
        assertTrue(r.sent() < HUGE_BODY / 2, "refused before the body was sent: " + r);
    }

    static Response search(String user, List<Long> collections) {
        return search(user, collections, "termination");
    }

    static Response search(String user, List<Long> collections, String query) {
        Map<String, Object> body = collections == null ? Map.of("query", query)
                : Map.of("query", query, "collections", collections);
        return as(user).contentType(ContentType.JSON).body(body).post("/api/search");
    }

    /** The answer to a raw request, how long it took and how many body bytes had been sent when it came. */
    record Raw(int status, String body, long millis, long sent) {
    }

    /**
     * POSTs a JSON search body of {@code size} bytes over a plain socket, announced by Content-Length or sent in
     * chunks, writing it from another thread while the answer is read, as a client that never stops would.
     */
    static Raw rawPost(String path, String user, long size, boolean chunked) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(300_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            AtomicLong sent = new AtomicLong();
            long started = System.nanoTime();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> writeBody(out, size, chunked, sent));
            String[] response = readResponse(socket.getInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;
            long sentThen = sent.get();
            socket.close();
            writer.join(10_000);
            return new Raw(Integer.parseInt(response[0]), response[1], millis, sentThen);
        }
    }

    private static void writeBody(OutputStream out, long size, boolean chunked, AtomicLong sent) {
        byte[] open = "{\"query\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'a');
        try {
            long left = size - open.length - close.length;
            write(out, open, open.length, chunked, sent);
            while (left > 0) {
                int n = (int) Math.min(filler.length, left);
                write(out, filler, n, chunked, sent);
                left -= n;
            }
            write(out, close, close.length, chunked, sent);
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server closed the connection: the body was refused before it was all sent
        }
    }

    private static void write(OutputStream out, byte[] bytes, int n, boolean chunked, AtomicLong sent)
            throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, n);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        sent.addAndGet(n);
    }

    /** Status code and body (by Content-Length, else up to the end of the connection). */
    private static String[] readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        String status = headers.split(" ", 3)[1];
        long length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
        return new String[] {status, new String(body, StandardCharsets.UTF_8)};
    }
}
