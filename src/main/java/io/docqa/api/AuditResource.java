package io.docqa.api;

import io.docqa.api.SecurityDtos.PurgeResponse;
import io.docqa.security.audit.AuditCsv;
import io.docqa.security.audit.AuditEntry;
import io.docqa.security.audit.AuditLog;
import io.docqa.security.audit.AuditRetention;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit trail for administrators: {@code GET /api/audit?from=&to=&actor=&action=&limit=&format=json|csv}
 * (from/to are ISO-8601 instants; default: everything up to now, newest first) and a manual purge.
 */
@Path("/audit")
@RolesAllowed("ADMIN")
public class AuditResource {

    private final AuditLog audit;
    private final AuditRetention retention;

    public AuditResource(AuditLog audit, AuditRetention retention) {
        this.audit = audit;
        this.retention = retention;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response browse(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("limit") @DefaultValue("1000") int limit,
            @QueryParam("format") @DefaultValue("json") String format) {
        List<AuditEntry> entries = audit.find(instant(from, Instant.EPOCH, "from"),
                instant(to, Instant.now().plusSeconds(1), "to"), blankToNull(actor), blankToNull(action), limit);
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> Response.ok(entries, MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(AuditCsv.format(entries), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"docqa-audit.csv\"").build();
            default -> throw ApiException.badRequest("format must be json or csv.");
        };
    }

    /** Applies the retention period now (it also runs hourly). */
    @POST
    @Path("/purge")
    @Produces(MediaType.APPLICATION_JSON)
    public PurgeResponse purge() {
        return new PurgeResponse(retention.purge());
    }

    private static Instant instant(String value, Instant fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
