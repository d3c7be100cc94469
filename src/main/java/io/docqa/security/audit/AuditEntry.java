package io.docqa.security.audit;

import java.time.Instant;
import java.util.List;

/** One audit record; {@code detail} is a JSON object whose fields depend on the action. */
public record AuditEntry(long id, Instant at, String actor, String action, List<Long> collectionIds, String target,
        String detail) {
}
