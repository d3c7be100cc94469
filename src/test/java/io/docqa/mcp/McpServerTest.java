package io.docqa.mcp;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * DocQA's MCP server driven by the official MCP Java SDK client over real Streamable HTTP, signed in with a reader's
 * own API token: the tools an assistant sees, each tool on really ingested documents, a collection the reader may not
 * read staying invisible through every tool, refused tokens, oversized arguments, the rate limit and the audit trail.
 */
@QuarkusTest
class McpServerTest {

    private static final String SECRET_WORDS = "Executives receive forty vacation days and ninety days of notice.";

    record World(long handbook, long board, long handbookDoc, long boardDoc, long boardChunk, String readerToken) {
    }

    private static World world;
    private static McpSyncClient reader;

    static synchronized World world() {
        if (world != null) {
            return world;
        }
        long handbook = Api.createCollection("mcp: handbook");
        long board = Api.createCollection("mcp: board only");
        long handbookDoc = upload(handbook, "leave-policy.txt", "Leave policy. Employees receive twenty-five vacation"
                + " days per year. Unused vacation days expire at the end of March of the following year.");
        long boardDoc = upload(board, "board-minutes.txt", "Board minutes. " + SECRET_WORDS);
        for (long id : List.of(handbookDoc, boardDoc)) {
            assertEquals("READY", Api.awaitFinal(id).get("status"), "fixture " + id + " must ingest");
        }
        long boardChunk = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("query", "executives vacation days", "collections", List.of(board), "limit", 1))
                .post("/api/search").then().statusCode(200).extract().jsonPath().getLong("results[0].chunkId");
        String token = readerWithToken("mcp-reader", handbook);
        world = new World(handbook, board, handbookDoc, boardDoc, boardChunk, token);
        reader = McpClients.open(baseUrl(), token);
        return world;
    }

    @AfterAll
    static void close() {
        if (reader != null) {
            reader.closeGracefully();
        }
    }

    private static long upload(long collection, String name, String text) {
        return asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
    }

    /** A new reader, member of {@code collection}, and a personal API token of theirs. */
    private static String readerWithToken(String username, long collection) {
        String password = username + "-password";
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", username, "password", password, "role", "READER"))
                .post("/api/users").then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + collection + "/members/" + username).then().statusCode(204);
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON)
                .body(Map.of("name", "assistant")).post("/api/tokens").then().statusCode(201).extract().jsonPath()
                .getString("token");
    }

    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(new CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult r) {
        assertNotNull(r.structuredContent(), "structured content");
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    private static String text(CallToolResult r) {
        return r.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    private static long id(Object n) {
        return ((Number) n).longValue();
    }

    private static void assertRefused(CallToolResult r, String kind) {
        assertTrue(Boolean.TRUE.equals(r.isError()), "a tool error, got " + text(r));
        assertEquals(kind, structured(r).get("error"), text(r));
        assertFalse(text(r).contains("Exception") || text(r).contains("\tat "), "no stack trace: " + text(r));
    }

    @Test
    void an_assistant_sees_the_five_tools_described_for_it() {
        world();
        assertEquals("DocQA", reader.getServerInfo().name());
        List<Tool> tools = reader.listTools().tools();
        assertEquals(Set.of("list_collections", "search", "ask", "get_passage", "list_documents"),
                tools.stream().map(Tool::name).collect(Collectors.toSet()));
        for (Tool t : tools) {
            assertTrue(t.description().length() > 100, t.name() + " is described for an LLM reader: " + t.description());
        }
        Tool search = tools.stream().filter(t -> t.name().equals("search")).findFirst().orElseThrow();
        assertEquals(List.of("query"), search.inputSchema().required());
        assertTrue(search.inputSchema().properties().keySet().containsAll(Set.of("query", "collections", "filters", "limit")));
        assertTrue(search.description().contains("Cite"), "says how to cite");
    }

    @Test
    void each_tool_answers_from_the_readers_own_documents() {
        World w = world();
        Map<String, Object> collections = structured(call(reader, "list_collections", Map.of()));
        assertEquals(List.of(w.handbook()), list(collections, "collections").stream().map(c -> id(c.get("id"))).toList());

        CallToolResult searched = call(reader, "search", Map.of("query", "How many vacation days do employees get?",
                "collections", List.of(w.handbook()), "limit", 5));
        assertFalse(Boolean.TRUE.equals(searched.isError()), text(searched));
        Map<String, Object> first = list(structured(searched), "results").getFirst();
        assertEquals(w.handbookDoc(), id(first.get("documentId")));
        assertEquals("leave-policy.txt", first.get("documentName"));
        assertTrue(((String) first.get("text")).contains("twenty-five vacation days"));
        assertEquals("/api/documents/" + w.handbookDoc(), first.get("link"));
        assertTrue(text(searched).contains("leave-policy.txt") && text(searched).contains("twenty-five"), text(searched));
        long chunk = id(first.get("chunkId"));
        int start = ((Number) first.get("start")).intValue();
        int end = ((Number) first.get("end")).intValue();

        CallToolResult asked = call(reader, "ask", Map.of("question", "How many vacation days do employees receive?"));
        Map<String, Object> answer = structured(asked);
        assertFalse(Boolean.TRUE.equals(asked.isError()), text(asked));
        assertEquals(false, answer.get("notFound"), text(asked));
        Map<String, Object> source = list(answer, "citations").getFirst();
        assertEquals(1, ((Number) source.get("n")).intValue());
        assertEquals(w.handbookDoc(), id(source.get("documentId")));
        assertTrue(((String) answer.get("answer")).contains("[1]"), "numbered citation markers: " + answer.get("answer"));
        assertFalse(list(answer, "sentences").isEmpty(), "support per sentence");
        assertTrue(list(answer, "sentences").getFirst().containsKey("supported"));

        Map<String, Object> byChunk = structured(call(reader, "get_passage", Map.of("chunkId", chunk, "context", 20)));
        assertEquals(first.get("text"), byChunk.get("text"));
        assertEquals(w.handbookDoc(), id(byChunk.get("documentId")));
        Map<String, Object> bySpan = structured(call(reader, "get_passage", Map.of("documentId", w.handbookDoc(),
                "start", start + 6, "end", start + 12, "context", 6)));
        assertEquals("policy", bySpan.get("text"));
        assertEquals("Leave ", bySpan.get("before"), "the text before the span, as much as there is");
        assertEquals(end, ((String) first.get("text")).length() + start);

        Map<String, Object> docs = structured(call(reader, "list_documents", Map.of("collection", w.handbook())));
        assertEquals(1, ((Number) docs.get("total")).intValue());
        assertEquals("leave-policy.txt", list(docs, "documents").getFirst().get("name"));
        assertEquals("READY", list(docs, "documents").getFirst().get("status"));
    }

    @Test
    void a_reader_cannot_see_another_collection_through_any_tool() {
        World w = world();
        Set<Long> listed = list(structured(call(reader, "list_collections", Map.of())), "collections").stream()
                .map(c -> id(c.get("id"))).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(listed.contains(w.board()));

        assertRefused(call(reader, "search", Map.of("query", SECRET_WORDS, "collections", List.of(w.board()))), "not_found");
        CallToolResult everywhere = call(reader, "search", Map.of("query", SECRET_WORDS, "limit", 50));
        assertTrue(list(structured(everywhere), "results").stream().noneMatch(p -> id(p.get("documentId")) == w.boardDoc()));
        assertFalse(text(everywhere).contains("forty"), text(everywhere));
        Map<String, Object> filtered = new HashMap<>(Map.of("query", SECRET_WORDS));
        filtered.put("filters", Map.of("documentIds", List.of(w.boardDoc())));
        CallToolResult byFilter = call(reader, "search", filtered);
        assertFalse(text(byFilter).contains("forty"), text(byFilter));

        CallToolResult asked = call(reader, "ask", Map.of("question", "How many vacation days do executives receive?",
                "collections", List.of(w.board())));
        assertRefused(asked, "not_found");
        CallToolResult askedAll = call(reader, "ask", Map.of("question", "How many vacation days do executives receive?"));
        assertFalse(text(askedAll).contains("forty"), text(askedAll));

        CallToolResult chunk = call(reader, "get_passage", Map.of("chunkId", w.boardChunk()));
        assertRefused(chunk, "not_found");
        assertFalse(text(chunk).contains("forty"));
        assertRefused(call(reader, "get_passage", Map.of("documentId", w.boardDoc(), "start", 0, "end", 20)), "not_found");
        assertRefused(call(reader, "list_documents", Map.of("collection", w.board())), "not_found");
        assertRefused(call(reader, "list_documents", Map.of("collection", 987654321L)), "not_found");
    }

    @Test
    void a_missing_or_invalid_token_is_refused_before_the_handshake() {
        world();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
        given().contentType(ContentType.JSON).accept("application/json, text/event-stream").body(initialize)
                .post("/mcp").then().statusCode(401);
        given().header("Authorization", "Bearer dqa_not-a-real-token").contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(initialize).post("/mcp").then().statusCode(401);
        McpSyncClient forged = McpClients.connect(baseUrl(), "dqa_not-a-real-token");
        assertThrows(RuntimeException.class, forged::initialize);
        forged.close();
    }

    @Test
    void an_oversized_or_invalid_argument_is_a_clear_tool_error() {
        World w = world();
        CallToolResult huge = call(reader, "search", Map.of("query", "x".repeat(100_000)));
        assertRefused(huge, "invalid_argument");
        assertTrue(text(huge).contains("longer than 4000 characters"), text(huge));
        assertRefused(call(reader, "ask", Map.of("question", "y ".repeat(50_000))), "invalid_argument");
        assertRefused(call(reader, "search", Map.of("query", "vacation", "limit", 1000)), "invalid_argument");
        assertRefused(call(reader, "get_passage", Map.of("chunkId", 1, "context", 1_000_000)), "invalid_argument");
        assertRefused(call(reader, "get_passage", Map.of()), "invalid_argument");
        assertRefused(call(reader, "list_documents", Map.of("collection", w.handbook(), "limit", 0)), "invalid_argument");
    }

    @Test
    void tool_calls_count_against_the_users_rate_limit_and_are_audited_as_theirs() {
        World w = world();
        String token = readerWithToken("mcp-busy", w.handbook());
        McpSyncClient busy = McpClients.open(baseUrl(), token);
        try {
            CallToolResult refused = null;
            // the default burst is 20 searches; well before 100 calls the bucket is empty
            for (int i = 0; i < 100 && refused == null; i++) {
                CallToolResult r = call(busy, "search", Map.of("query", "vacation days " + i));
                if (Boolean.TRUE.equals(r.isError())) {
                    refused = r;
                }
            }
            assertNotNull(refused, "the rate limit refuses some search");
            assertRefused(refused, "rate_limited");
            assertTrue(text(refused).contains("Too many questions or searches"), text(refused));
            assertTrue(((Number) structured(refused).get("retryAfterSeconds")).longValue() >= 1);
        } finally {
            busy.closeGracefully();
        }
        String audit = asAdmin().queryParam("actor", "mcp-busy").queryParam("action", "SEARCH").get("/api/audit")
                .then().statusCode(200).extract().asString();
        assertTrue(audit.contains("vacation days 0"), "searches through MCP are audited as the user's: " + audit);
        List<String> channels = asAdmin().queryParam("actor", "mcp-busy").queryParam("action", "SEARCH")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getList("channel", String.class);
        assertFalse(channels.isEmpty());
        assertTrue(channels.stream().allMatch("mcp"::equals), "every entry says it came through MCP: " + channels);
    }
}
