package io.docqa.app.audit;

import io.docqa.app.Callers;
import io.docqa.app.UseCaseException;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditCsv;
import io.docqa.security.audit.AuditEntry;
import io.docqa.security.audit.AuditChannel;
import io.docqa.security.audit.AuditLog;
import io.docqa.security.audit.AuditRetention;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail for administrators: search, CSV export and purging by the retention period. */
@ApplicationScoped
public class AuditService {

    /** Most entries one search or export returns. */
    public static final int MAX_PAGE = AuditLog.MAX_PAGE;

    /**
     * What to look for: entries in [from, to) given as ISO-8601 instants (blank: from the beginning, up to now),
     * optionally of one actor or action (blank: any), at most {@code limit}.
     */
    public record Search(String from, String to, String actor, String action, int limit) {

        /** The newest {@code limit} entries of an actor and action (either blank for any). */
        public static Search newest(String actor, String action, int limit) {
            return new Search(null, null, actor, action, limit);
        }
    }

    private final AuditLog audit;
    private final AuditRetention retention;
    private final Callers callers;
    private final AuditChannel channel;

    public AuditService(AuditLog audit, AuditRetention retention, Callers callers, AuditChannel channel) {
        this.audit = audit;
        this.retention = retention;
        this.callers = callers;
        this.channel = channel;
    }

    /**
     * Marks the current request as an assistant's tool call over MCP: the audit entries the services write while
     * serving it carry the channel {@code mcp}.
     */
    public void markViaMcp() {
        channel.mark(AuditChannel.MCP);
    }

    /** Marks the current request as a call of the REST API: its audit entries carry the channel {@code api}. */
    public void markViaApi() {
        if (channel.current() == null) { // the MCP adapter's mark stands
            channel.mark(AuditChannel.API);
        }
    }

    /** Marks the current request as one of the web UI: its audit entries carry the channel {@code ui}. */
    public void markViaUi() {
        if (channel.current() == null) {
            channel.mark(AuditChannel.UI);
        }
    }

    /** Matching entries, newest first. */
    public List<AuditEntry> search(Caller claimed, Search search) {
        callers.requireRole(claimed, Role.ADMIN);
        return audit.find(instant(search.from(), Instant.EPOCH, "from"), instant(search.to(), Instant.now().plusSeconds(1), "to"),
                blankToNull(search.actor()), blankToNull(search.action()), search.limit());
    }

    /** Matching entries as RFC 4180 CSV (spreadsheet formulas neutralised). */
    public String exportCsv(Caller claimed, Search search) {
        return AuditCsv.format(search(claimed, search));
    }

    /** Applies the retention period now (it also runs hourly); returns how many entries were removed. */
    public int purge(Caller claimed) {
        callers.requireRole(claimed, Role.ADMIN);
        return retention.purge();
    }

    private static Instant instant(String value, Instant fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw UseCaseException.invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
