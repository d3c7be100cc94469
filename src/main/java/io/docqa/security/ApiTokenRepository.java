package io.docqa.security;

import io.docqa.corpus.DataAccessException;
import io.docqa.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Personal API tokens. The token is shown once at creation; only its SHA-256 is stored. A plain (fast) hash is
 * enough because tokens carry 256 random bits: unlike passwords they cannot be guessed from a dictionary.
 */
@ApplicationScoped
public class ApiTokenRepository {

    /** Prefix that makes DocQA tokens recognisable (e.g. by secret scanners). */
    public static final String PREFIX = "dqa_";
    public static final int NAME_MAX_LENGTH = 100;

    /** {@code expiresAt} null: never expires; {@code canCreateTokens}: a request it authenticates may create tokens. */
    public record TokenInfo(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
            Instant expiresAt, boolean canCreateTokens) {
    }

    /** The owner of a token that authenticated a request, and the token's own rights. */
    public record TokenOwner(AppUser user, long tokenId, boolean canCreateTokens) {
    }

    /** A new token: {@code token} is the secret, shown to its owner once. */
    public record CreatedToken(TokenInfo info, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INFO_COLUMNS = "id, name, created_at, last_used_at, revoked_at, expires_at, can_create_tokens";

    private final Jdbi jdbi;

    public ApiTokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A token is live while it is neither revoked nor expired. */
    private static final String LIVE = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())";

    /**
     * A new token of the account {@code userId}; {@code expiresAt} null: it never expires. Empty when the account
     * already has {@code maxLive} live tokens (0: no limit); the account's row is locked while counting, so parallel
     * requests cannot exceed the limit.
     */
    public Optional<CreatedToken> create(long userId, String name, Instant expiresAt, boolean canCreateTokens,
            int maxLive) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String sql = "INSERT INTO api_tokens(user_id, name, token_hash, expires_at, can_create_tokens) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING " + INFO_COLUMNS;
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM users WHERE id = ? FOR UPDATE").bind(0, userId).mapTo(Long.class).findOne()
                    .orElseThrow(() -> new DataAccessException("No user with id " + userId, null));
            if (maxLive > 0 && countLive(h, userId) >= maxLive) {
                return Optional.<CreatedToken>empty();
            }
            TokenInfo info = h.createQuery(sql).bind(0, userId).bind(1, name).bind(2, hash(token))
                    .bind(3, expiresAt == null ? null : Timestamp.from(expiresAt)).bind(4, canCreateTokens)
                    .map(ApiTokenRepository::info).one();
            return Optional.of(new CreatedToken(info, token));
        });
    }

    private static long countLive(org.jdbi.v3.core.Handle h, long userId) {
        return h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = ? AND " + LIVE).bind(0, userId)
                .mapTo(Long.class).one();
    }

    /** One page of an account's tokens in creation order, and how many it has in all. */
    public record TokenPage(List<TokenInfo> tokens, long total) {
    }

    /** The account's tokens (revoked and expired ones included), {@code limit} from {@code offset}, oldest first. */
    public TokenPage page(long userId, int offset, int limit) {
        String sql = "SELECT " + INFO_COLUMNS + " FROM api_tokens WHERE user_id = ? ORDER BY id OFFSET ? LIMIT ?";
        return jdbi.withHandle(h -> new TokenPage(
                h.createQuery(sql).bind(0, userId).bind(1, offset).bind(2, limit).map(ApiTokenRepository::info).list(),
                h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = ?").bind(0, userId).mapTo(Long.class).one()));
    }

    private static TokenInfo info(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TokenInfo(rs.getLong(1), rs.getString(2), Sql.instant(rs.getTimestamp(3)),
                Sql.instant(rs.getTimestamp(4)), Sql.instant(rs.getTimestamp(5)), Sql.instant(rs.getTimestamp(6)),
                rs.getBoolean(7));
    }

    /** Revokes every active token of the user (password reset, disabling); returns how many. */
    public int revokeAll(String username) {
        String sql = "UPDATE api_tokens t SET revoked_at = now() FROM users u WHERE u.id = t.user_id "
                + "AND u.username = ? AND t.revoked_at IS NULL";
        return jdbi.withHandle(h -> h.execute(sql, username));
    }

    /** Revokes one of the account's tokens; false when the account has no such (unrevoked) token. */
    public boolean revoke(long userId, long tokenId) {
        String sql = "UPDATE api_tokens SET revoked_at = now() WHERE user_id = ? AND id = ? AND revoked_at IS NULL";
        return jdbi.withHandle(h -> h.execute(sql, userId, tokenId)) > 0;
    }

    /**
     * The enabled user owning this unrevoked, unexpired token, marking it used. Read on every request, so
     * revocation, expiry and disabling take effect at once. "Last used" is kept to the minute: within a minute of
     * the last mark nothing is written, so a busy integration does not pay a durable write (and its disk flush) on every request.
     */
    public Optional<TokenOwner> authenticate(String token) {
        String sql = "WITH owner AS (SELECT t.id AS token_id, t.last_used_at, t.can_create_tokens, u.id, u.username, "
                + "u.password_hash, u.role, u.enabled FROM api_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) "
                + "AND u.enabled), "
                + "touched AS (UPDATE api_tokens SET last_used_at = now() WHERE id IN (SELECT token_id FROM owner "
                + "WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) "
                + "SELECT id, username, password_hash, role, enabled, token_id, can_create_tokens FROM owner";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, hash(token))
                .map((rs, ctx) -> new TokenOwner(UserRepository.map(rs, ctx), rs.getLong(6), rs.getBoolean(7)))
                .findOne());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
