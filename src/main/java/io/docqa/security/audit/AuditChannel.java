package io.docqa.security.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Through which adapter the current request came, when the audit trail should say so: the MCP adapter marks its tool
 * calls {@link #MCP}, and every entry {@link AuditLog} writes during that request carries the channel. Unmarked
 * requests (REST, UI, the server's own work) leave it empty.
 */
@RequestScoped
public class AuditChannel {

    /** Tool calls of assistants over the Model Context Protocol ({@code /mcp}). */
    public static final String MCP = "mcp";

    private String channel;

    /** Marks the current request as having come through {@code name}. */
    public void mark(String name) {
        this.channel = name;
    }

    /** The mark of the current request, or null. */
    public String current() {
        return channel;
    }
}
