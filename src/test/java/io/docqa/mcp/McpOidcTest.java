package io.docqa.mcp;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.docqa.testing.OidcIssuer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCP server with OpenID Connect enabled, against a real local issuer ({@link OidcIssuer}: discovery and keys over
 * HTTP, RS256 tokens): an assistant signed in with the identity provider's access token works with the rights the
 * token's groups grant, its tool calls are audited as that user's and marked as coming through MCP, personal API
 * tokens keep working beside IdP tokens, and forged or expired tokens get 401.
 */
@QuarkusTest
@TestProfile(McpOidcTest.WithIdentityProvider.class)
class McpOidcTest {

    /** The issuer is shared by the test resource (which configures DocQA) and the test (which signs tokens). */
    public static final OidcIssuer ISSUER = OidcIssuer.start();

    public static class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IssuerResource.class));
        }
    }

    public static class IssuerResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return ISSUER.quarkusConfig();
        }

        @Override
        public void stop() {
            // the issuer lives as long as the test JVM
        }
    }

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";

    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static long upload(long collection, String name, String text) {
        long id = asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listed(CallToolResult r, String key) {
        assertFalse(Boolean.TRUE.equals(r.isError()), String.valueOf(r.content()));
        return (List<Map<String, Object>>) ((Map<String, Object>) r.structuredContent()).get(key);
    }

    @Test
    void an_assistant_with_an_identity_providers_token_searches_with_that_users_rights_and_is_audited_via_mcp() {
        long team = Api.createCollection("oidc: team handbook");
        long board = Api.createCollection("oidc: board only");
        upload(team, "travel.txt", "Travel policy. Train journeys over four hours may be booked in first class.");
        upload(board, "board.txt", "Board minutes. Train tickets for the board are always first class.");
        String token = ISSUER.accessToken("subject-ann-7", "oidc-ann", List.of("docqa:" + team + ":READER"));

        McpSyncClient ann = McpClients.open(baseUrl(), token);
        try {
            List<Map<String, Object>> collections = listed(ann.callTool(new CallToolRequest("list_collections",
                    Map.of())), "collections");
            assertEquals(List.of("oidc: team handbook"), collections.stream().map(c -> c.get("name")).toList(),
                    "the groups of the token grant the team collection only");
            List<Map<String, Object>> found = listed(ann.callTool(new CallToolRequest("search",
                    Map.of("query", "train first class", "limit", 10))), "results");
            assertFalse(found.isEmpty());
            assertTrue(found.stream().allMatch(p -> "travel.txt".equals(p.get("documentName"))), found.toString());
            CallToolResult refused = ann.callTool(new CallToolRequest("search", Map.of("query", "train first class",
                    "collections", List.of(board))));
            assertTrue(Boolean.TRUE.equals(refused.isError()), "the board collection stays out of reach");
        } finally {
            ann.closeGracefully();
        }
        assertTrue(ISSUER.keyRequests() > 0, "DocQA fetched the issuer's keys to verify the token");

        List<Map<String, Object>> audited = asAdmin().queryParam("actor", "oidc-ann").queryParam("action", "SEARCH")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, audited.size(), "the search, not the refused one: " + audited);
        assertTrue(audited.stream().allMatch(e -> "mcp".equals(e.get("channel"))), audited.toString());
        String csv = asAdmin().queryParam("actor", "oidc-ann").queryParam("action", "SEARCH").queryParam("format", "csv")
                .get("/api/audit").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("id,at,actor,action,collection_ids,target,detail,channel\r\n"), csv);
        assertTrue(csv.strip().endsWith(",\"mcp\""), "the CSV row ends with the channel: " + csv);

        // the same search through REST is marked as the API's
        asAdmin().contentType(ContentType.JSON).body(Map.of("query", "train first class", "collections", List.of(team)))
                .post("/api/search").then().statusCode(200);
        Map<String, Object> rest = asAdmin().queryParam("actor", Api.ADMIN).queryParam("action", "SEARCH")
                .queryParam("limit", 1).get("/api/audit").then().statusCode(200).extract().jsonPath().getMap("[0]");
        assertEquals("api", rest.get("channel"), rest.toString());
    }

    @Test
    void api_tokens_keep_working_beside_identity_provider_tokens_and_forged_or_expired_ones_get_401() {
        String forged = ISSUER.tokenSignedByAnotherKey("subject-eve", "oidc-eve", List.of("docqa-admin"));
        String expired = ISSUER.expiredToken("subject-bob", "oidc-bob", List.of("docqa-admin"));
        for (String token : List.of(forged, expired, "not.a-valid.jwt")) {
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .accept("application/json, text/event-stream").body(INITIALIZE).post("/mcp").then().statusCode(401);
        }
        McpSyncClient eve = McpClients.connect(baseUrl(), forged);
        assertThrows(RuntimeException.class, eve::initialize);
        eve.close();
        asAdmin().queryParam("action", "USER_CREATED").get("/api/audit").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("oidc-eve")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("oidc-bob")));

        asAdmin().contentType(ContentType.JSON).body(Map.of("username", "oidc-local", "password", "oidc-local-password",
                "role", "READER")).post("/api/users").then().statusCode(201);
        String apiToken = given().auth().preemptive().basic("oidc-local", "oidc-local-password")
                .contentType(ContentType.JSON).body(Map.of("name", "assistant")).post("/api/tokens").then()
                .statusCode(201).extract().jsonPath().getString("token");
        McpSyncClient local = McpClients.open(baseUrl(), apiToken);
        try {
            assertEquals(5, local.listTools().tools().size(), "a personal API token still opens /mcp");
        } finally {
            local.closeGracefully();
        }
    }
}
