package io.docqa.app.ask;

/**
 * Through which adapter a question came; the audit entry of a question asked in the UI says so ("via": "ui"), and
 * the recorded answer keeps it ({@code api}, {@code sse}, {@code ui}, {@code mcp}).
 */
public enum Channel {
    API, UI, SSE, MCP;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
