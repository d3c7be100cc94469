package io.docqa.security.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit record; {@code detail} is a JSON object whose fields depend on the action. {@code actor} is the name
 * as it was; {@code actorId} the account's id at the time (null: no such account, e.g. a failed sign-in with an
 * unknown name), kept after the account is deleted. {@code channel} is {@code mcp} for what an assistant did through
 * the MCP server, null otherwise (REST, UI, the server itself).
 */
public record AuditEntry(long id, Instant at, String actor, String action, List<Long> collectionIds, String target,
        String detail, Long actorId, String channel) {
}
