package io.docqa.mcp;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The MCP server's settings ({@code docqa.mcp.*}). */
@ConfigMapping(prefix = "docqa.mcp")
public interface McpConfig {

    /**
     * The address users reach DocQA at (e.g. {@code https://docqa.example.com}); the links in tool results start
     * with it. Unset: links are paths such as {@code /api/documents/12}.
     */
    Optional<String> publicUrl();
}
