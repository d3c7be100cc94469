package io.docqa.bench;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.mcp.McpClients;
import io.docqa.testing.Api;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the MCP adapter costs over REST: the same hybrid searches through the MCP {@code search} tool (official MCP
 * Java SDK client, Streamable HTTP) and through {@code POST /api/search} (JDK HTTP client), both signed in with the
 * same API token, against one application in one run, alternating which goes first. Measures, not asserts: prints
 * a Markdown table and writes it to target/bench-mcp.md. Run with scripts/bench.sh mcp (not part of the test suite:
 * the class name does not end in Test). {@code -Dbench.calls=N} (default 200) calls each after 30 warm-up calls.
 */
@QuarkusTest
class McpSearchBenchmark {

    private static final String[] FIXTURES = {"service-agreement.pdf", "employee-handbook.docx", "notes.html"};
    private static final String[] QUERIES = {"How many days of notice are needed to terminate the agreement?",
        "vacation days per year", "Who owns the intellectual property?", "remote work policy",
        "What happens when an invoice is paid late?", "confidential information", "expense reports"};

    @Test
    void mcp_search_against_rest_search() throws Exception {
        int calls = Integer.getInteger("bench.calls", 200);
        long collection = Api.createCollection("MCP benchmark");
        JsonPath upload = Api.upload(collection, FIXTURES).then().statusCode(202).extract().jsonPath();
        for (Object id : upload.getList("documents.id")) {
            assertEquals("READY", Api.awaitFinal(((Number) id).longValue()).get("status"));
        }
        // admin is exempt from the rate limit in the test profile, so neither side is throttled
        String token = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "bench")).post("/api/tokens").then()
                .statusCode(201).extract().jsonPath().getString("token");
        String base = "http://localhost:" + RestAssured.port;
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        McpSyncClient mcp = McpClients.open(base, token);
        List<Long> rest = new ArrayList<>();
        List<Long> tool = new ArrayList<>();
        try {
            for (int i = -30; i < calls; i++) {
                String query = QUERIES[Math.floorMod(i, QUERIES.length)];
                Map<String, Object> args = Map.of("query", query, "collections", List.of(collection), "limit", 10);
                boolean restFirst = (i & 1) == 0;
                long r = 0, m = 0;
                for (int side = 0; side < 2; side++) {
                    long t0 = System.nanoTime();
                    if ((side == 0) == restFirst) {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(args))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        r = System.nanoTime() - t0;
                        assertEquals(200, res.statusCode(), res.body());
                    } else {
                        CallToolResult res = mcp.callTool(new CallToolRequest("search", args));
                        m = System.nanoTime() - t0;
                        assertFalse(Boolean.TRUE.equals(res.isError()), String.valueOf(res.content()));
                    }
                }
                if (i >= 0) {
                    rest.add(r);
                    tool.add(m);
                }
            }
        } finally {
            mcp.closeGracefully();
        }
        String table = "| path | calls | p50 ms | p95 ms | mean ms |\n|---|---|---|---|---|\n"
                + row("REST `POST /api/search`", rest) + row("MCP `search` tool", tool)
                + String.format(Locale.ROOT, "| MCP − REST | | %.1f | %.1f | %.1f |%n",
                        ms(pct(tool, 50)) - ms(pct(rest, 50)), ms(pct(tool, 95)) - ms(pct(rest, 95)),
                        ms(mean(tool)) - ms(mean(rest)));
        System.out.println(table);
        write(table);
    }

    private static String row(String name, List<Long> nanos) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", name, nanos.size(), ms(pct(nanos, 50)),
                ms(pct(nanos, 95)), ms(mean(nanos)));
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long mean(List<Long> values) {
        return (long) values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void write(String table) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench-mcp.md"), table);
    }
}
