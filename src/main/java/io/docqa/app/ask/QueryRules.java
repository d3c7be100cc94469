package io.docqa.app.ask;

import io.docqa.app.Callers;
import io.docqa.app.Lookups;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules asking and searching share: who may (the current caller, within the per-user rate limit), how long a
 * question may be, which collections it looks into, and the one place where what retrieval returned is checked
 * against the scope and written to the audit trail.
 */
@ApplicationScoped
class QueryRules {

    /** Longest question or query accepted. */
    static final int MAX_QUERY_CHARS = 4000;
    /** Most distinct collections one question or search may name (each is checked against the caller's rights). */
    static final int MAX_COLLECTIONS = 100;

    private final Callers callers;
    private final Throttle throttle;
    private final AccessPolicy access;
    private final AuditLog audit;

    public QueryRules(Callers callers, Throttle throttle, AccessPolicy access, AuditLog audit) {
        this.callers = callers;
        this.throttle = throttle;
        this.access = access;
        this.audit = audit;
    }

    /** The caller as the database knows them now (refused when disabled or removed). */
    Caller current(Caller claimed) {
        return callers.current(claimed);
    }

    /** The caller as the database knows them now, counted against their rate limit before anything else is read. */
    Caller admit(Caller claimed) {
        return throttle.admit(claimed, RateLimiter.Kind.QUERY, "questions or searches");
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw UseCaseException.invalid("\"" + field + "\" must not be empty.");
        }
        if (value.length() > MAX_QUERY_CHARS) {
            throw UseCaseException.invalid("\"" + field + "\" is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        return value.strip();
    }

    /**
     * The collections to look into: all the caller may read now when none are named, else the named ones, each of
     * which must be readable (refused as not found, like an unknown id, otherwise). Repeated ids count once; more
     * than {@link #MAX_COLLECTIONS} distinct ones are refused before any is looked up.
     */
    AccessScope scope(Caller caller, List<Long> requested) {
        List<Long> named = distinctCollections(requested);
        return AccessScope.of(Lookups.found(() -> access.scope(caller, named)));
    }

    /** The named collection ids without repeats (none: empty); refused when one is missing or there are too many. */
    static List<Long> distinctCollections(List<Long> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.stream().anyMatch(Objects::isNull)) {
            throw UseCaseException.invalid("\"collections\" must hold collection ids.");
        }
        List<Long> distinct = requested.stream().distinct().toList();
        if (distinct.size() > MAX_COLLECTIONS) {
            throw UseCaseException.invalid("\"collections\" may name at most " + MAX_COLLECTIONS + " collections.");
        }
        return distinct;
    }

    /** Those of {@code ids} the caller may still read. */
    List<Long> stillReadable(Caller caller, List<Long> ids) {
        return access.stillReadable(caller, ids);
    }

    /**
     * Checks what retrieval returned against the scope (a passage outside it fails the request: it can only come
     * from a bug) and records it with {@code detail}: every ask and search is audited here and nowhere else.
     */
    void audit(Caller caller, AuditAction action, AccessScope scope, Retrieval retrieval, Map<String, ?> detail) {
        scope.requireWithin(retrieval.passages());
        Map<String, Object> entry = new LinkedHashMap<>(detail);
        entry.put("retrieved", retrieval.chunkIds());
        audit.record(caller.username(), action, scope.collectionIds(), null, entry);
    }
}
