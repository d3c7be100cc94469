package io.docqa.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;

/** The official MCP Java SDK client over Streamable HTTP, signed in with a bearer token, as an assistant would connect. */
public final class McpClients {

    private McpClients() {
    }

    /** A client of {@code baseUrl}/mcp, not yet initialized. */
    public static McpSyncClient connect(String baseUrl, String bearerToken) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp")
                .customizeRequest(r -> r.header("Authorization", "Bearer " + bearerToken)).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("docqa-test", "1.0")).build();
    }

    /** A client of {@code baseUrl}/mcp after the handshake. */
    public static McpSyncClient open(String baseUrl, String bearerToken) {
        McpSyncClient client = connect(baseUrl, bearerToken);
        client.initialize();
        return client;
    }
}
