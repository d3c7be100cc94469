package io.docqa.app.tokens;

import io.docqa.app.Callers;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.security.ApiTokenRepository.CreatedToken;
import io.docqa.security.ApiTokenRepository.TokenInfo;
import io.docqa.security.ApiTokenRepository.TokenPage;
import io.docqa.security.AppUser;
import io.docqa.security.SecurityConfig;
import io.docqa.security.ApiTokenRepository;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.Role;
import io.docqa.security.SignedInWith;
import io.docqa.security.UserRepository;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Personal API tokens: a user creates (the secret is shown once), lists and revokes their own; administrators list
 * and revoke anybody's. Revocation and expiry are effective at once.
 */
@ApplicationScoped
public class TokenService {

    /** Longest token name, for forms. */
    public static final int NAME_MAX_LENGTH = ApiTokenRepository.NAME_MAX_LENGTH;

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final Callers callers;
    private final Throttle throttle;
    private final AuditLog audit;
    private final int maxLive;

    /** Tokens a listing returns when no {@code limit} is given. */
    public static final int DEFAULT_PAGE = 100;
    /** Most tokens one listing returns. */
    public static final int MAX_PAGE = 1000;

    public TokenService(ApiTokenRepository tokens, UserRepository users, Callers callers, Throttle throttle,
            AuditLog audit, SecurityConfig config) {
        this.tokens = tokens;
        this.users = users;
        this.callers = callers;
        this.throttle = throttle;
        this.audit = audit;
        this.maxLive = config.tokens().maxLivePerUser();
    }

    /** Longest lifetime a token may be given, in days. */
    public static final int MAX_EXPIRES_IN_DAYS = 3650;

    /**
     * Creates a token named {@code name} (1–100 characters) for the caller (rate-limited as an expensive request),
     * valid for {@code expiresInDays} days
     * (null: until revoked). {@code canCreateTokens} lets requests signed in with the new token create tokens
     * themselves. A request signed in with a token may create one only when that token has this permission, so a
     * leaked token cannot be used to mint fresh ones that outlive its revocation.
     */
    public CreatedToken create(Caller claimed, SignedInWith signedInWith, String name, Integer expiresInDays,
            boolean canCreateTokens) {
        Caller caller = throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "new API tokens");
        if (signedInWith.token() && !signedInWith.tokenCanCreateTokens()) {
            throw UseCaseException.forbidden("This API token may not create tokens: sign in with your password, or "
                    + "use a token created with \"canCreateTokens\": true.");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > NAME_MAX_LENGTH) {
            throw UseCaseException.invalid("A token needs a name of 1–" + NAME_MAX_LENGTH
                    + " characters: send {\"name\": \"...\"}.");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_EXPIRES_IN_DAYS)) {
            throw UseCaseException.invalid("\"expiresInDays\" must be 1–" + MAX_EXPIRES_IN_DAYS
                    + " (leave it out for a token that lasts until revoked).");
        }
        Instant expiresAt = expiresInDays == null ? null : Instant.now().plus(Duration.ofDays(expiresInDays));
        CreatedToken created = tokens.create(caller.userId(), n, expiresAt, canCreateTokens, maxLive)
                .orElseThrow(() -> UseCaseException.conflict("You already have " + maxLive + " live API tokens, the "
                        + "most allowed: revoke one you no longer use (DELETE /api/tokens/{id}) and try again."));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", n);
        detail.put("expiresAt", expiresAt == null ? "never" : expiresAt.toString());
        detail.put("canCreateTokens", canCreateTokens);
        audit.record(caller.username(), AuditAction.TOKEN_CREATED, null, Long.toString(created.info().id()), detail);
        return created;
    }

    /** A token of a password-signed-in caller (the UI) that lasts until revoked and may not create tokens. */
    public CreatedToken create(Caller claimed, String name) {
        return create(claimed, SignedInWith.password(), name, null, false);
    }

    /** The caller's first {@link #DEFAULT_PAGE} tokens, revoked ones included, oldest first. */
    public List<TokenInfo> list(Caller claimed) {
        return page(claimed, null, null).tokens();
    }

    /**
     * One page of the caller's tokens (revoked and expired ones included, oldest first): {@code offset} default 0,
     * {@code limit} default {@link #DEFAULT_PAGE}, at most {@link #MAX_PAGE}; the page says how many there are.
     */
    public TokenPage page(Caller claimed, Integer offset, Integer limit) {
        Caller caller = callers.current(claimed);
        return tokens.page(caller.userId(), validOffset(offset), validLimit(limit));
    }

    /** Revokes one of the caller's own active tokens; the next request with it is refused. */
    public void revoke(Caller claimed, long id) {
        revokeOf(claimed, claimed.username(), id);
    }

    /** Administrators: the first {@link #DEFAULT_PAGE} tokens of any user, revoked ones included. */
    public List<TokenInfo> listOf(Caller claimed, String username) {
        return pageOf(claimed, username, null, null).tokens();
    }

    /** Administrators: one page of any user's tokens, as {@link #page}. */
    public TokenPage pageOf(Caller claimed, String username, Integer offset, Integer limit) {
        callers.requireRole(claimed, Role.ADMIN);
        int from = validOffset(offset);
        int size = validLimit(limit);
        return tokens.page(requireUser(username), from, size);
    }

    private static int validOffset(Integer offset) {
        int from = offset == null ? 0 : offset;
        if (from < 0) {
            throw UseCaseException.invalid("offset must be 0 or more and limit between 1 and " + MAX_PAGE + ".");
        }
        return from;
    }

    private static int validLimit(Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw UseCaseException.invalid("offset must be 0 or more and limit between 1 and " + MAX_PAGE + ".");
        }
        return size;
    }

    /** Administrators: revokes any user's active token; the next request with it is refused. */
    public void revokeOf(Caller claimed, String username, long id) {
        Caller caller = claimed.username().equals(username) ? callers.current(claimed)
                : callers.requireRole(claimed, Role.ADMIN);
        if (!tokens.revoke(requireUser(username), id)) {
            throw UseCaseException.notFound("No active token with id " + id + ".");
        }
        Map<String, Object> detail = caller.username().equals(username) ? Map.of() : Map.of("owner", username);
        audit.record(caller.username(), AuditAction.TOKEN_REVOKED, null, Long.toString(id), detail);
    }

    private long requireUser(String username) {
        return users.findByUsername(username).map(AppUser::id)
                .orElseThrow(() -> UseCaseException.notFound("No user named \"" + username + "\"."));
    }
}
