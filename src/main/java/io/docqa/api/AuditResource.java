package io.docqa.api;

import io.docqa.api.SecurityDtos.PurgeResponse;
import io.docqa.app.audit.AuditService.Search;
import io.docqa.app.audit.AuditService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;

/**
 * The audit trail for administrators: {@code GET /api/audit?from=&to=&actor=&action=&limit=&format=json|csv}
 * (from/to are ISO-8601 instants; default: everything up to now, newest first) and a manual purge.
 */
@Path("/audit")
@RolesAllowed("ADMIN")
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response browse(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("limit") @DefaultValue("1000") int limit,
            @QueryParam("format") @DefaultValue("json") String format, @Context SecurityContext security) {
        Search search = new Search(from, to, actor, action, limit);
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> Response.ok(audit.search(Callers.of(security), search), MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(audit.exportCsv(Callers.of(security), search), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"docqa-audit.csv\"").build();
            default -> throw ApiException.badRequest("format must be json or csv.");
        };
    }

    /** Applies the retention period now (it also runs hourly). */
    @POST
    @Path("/purge")
    @Produces(MediaType.APPLICATION_JSON)
    public PurgeResponse purge(@Context SecurityContext security) {
        return new PurgeResponse(audit.purge(Callers.of(security)));
    }
}
