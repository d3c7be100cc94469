package io.docqa.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** DocQA addresses of documents and PDF pages, under {@code docqa.mcp.public-url} when set. */
@ApplicationScoped
class Links {

    private final String base;

    Links(McpConfig config) {
        this.base = config.publicUrl().map(String::strip).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElse("");
    }

    String document(long documentId) {
        return base + "/api/documents/" + documentId;
    }

    /** The rendered page of a PDF; null for other documents or without a page. */
    String page(long documentId, String documentName, Integer page) {
        if (page == null || documentName == null || !documentName.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            return null;
        }
        return document(documentId) + "/pages/" + page;
    }
}
