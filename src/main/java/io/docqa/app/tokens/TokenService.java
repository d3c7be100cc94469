package io.docqa.app.tokens;

import io.docqa.app.Callers;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.security.ApiTokenRepository.CreatedToken;
import io.docqa.security.ApiTokenRepository.TokenInfo;
import io.docqa.security.ApiTokenRepository;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** A user's own personal API tokens: create (the secret is shown once), list, revoke (effective at once). */
@ApplicationScoped
public class TokenService {

    /** Longest token name, for forms. */
    public static final int NAME_MAX_LENGTH = ApiTokenRepository.NAME_MAX_LENGTH;

    private final ApiTokenRepository tokens;
    private final Callers callers;
    private final Throttle throttle;
    private final AuditLog audit;

    public TokenService(ApiTokenRepository tokens, Callers callers, Throttle throttle, AuditLog audit) {
        this.tokens = tokens;
        this.callers = callers;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Creates a token named {@code name} (1–100 characters) for the caller; rate-limited as an expensive request. */
    public CreatedToken create(Caller claimed, String name) {
        Caller caller = throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "new API tokens");
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > NAME_MAX_LENGTH) {
            throw UseCaseException.invalid("A token needs a name of 1–" + NAME_MAX_LENGTH
                    + " characters: send {\"name\": \"...\"}.");
        }
        CreatedToken created = tokens.create(caller.username(), n);
        audit.record(caller.username(), AuditAction.TOKEN_CREATED, null, Long.toString(created.info().id()),
                Map.of("name", n));
        return created;
    }

    /** The caller's tokens, revoked ones included. */
    public List<TokenInfo> list(Caller claimed) {
        return tokens.findByUser(callers.current(claimed).username());
    }

    /** Revokes one of the caller's own active tokens; the next request with it is refused. */
    public void revoke(Caller claimed, long id) {
        Caller caller = callers.current(claimed);
        if (!tokens.revoke(caller.username(), id)) {
            throw UseCaseException.notFound("No active token with id " + id + ".");
        }
        audit.record(caller.username(), AuditAction.TOKEN_REVOKED, null, Long.toString(id), Map.of());
    }
}
