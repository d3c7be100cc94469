package io.docqa.security.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Through which adapter the current request came: the REST adapter marks its requests {@link #API}, the UI its
 * requests {@link #UI} and the MCP adapter its tool calls {@link #MCP}; every entry {@link AuditLog} writes during
 * that request carries the channel. The server's own work (jobs, retention, start) has none.
 */
@RequestScoped
public class AuditChannel {

    /** Tool calls of assistants over the Model Context Protocol ({@code /mcp}). */
    public static final String MCP = "mcp";

    /** Requests to the REST API ({@code /api}). */
    public static final String API = "api";

    /** Requests of the web UI. */
    public static final String UI = "ui";

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
