/**
 * DocQA as a Model Context Protocol server (Streamable HTTP at {@code /mcp}) for assistants: a thin adapter over
 * the application services ({@code io.docqa.app}), like the REST API. Each tool call runs as the user whose API
 * token (or OIDC token, or Basic credentials) authenticated the HTTP request, with that user's rights, rate limits
 * and audit entries; refusals become MCP tool errors with the service's message. The other features appear here
 * only as value types (answers, passages, documents).
 * Depends on: answer, app, corpus, retrieve, security.
 */
package io.docqa.mcp;
