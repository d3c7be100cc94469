package io.docqa.security;

import io.docqa.corpus.DataAccessException;
import io.docqa.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Personal API tokens. The token is shown once at creation; only its SHA-256 is stored. A plain (fast) hash is
 * enough because tokens carry 256 random bits: unlike passwords they cannot be guessed from a dictionary.
 */
@ApplicationScoped
public class ApiTokenRepository {

    /** Prefix that makes DocQA tokens recognisable (e.g. by secret scanners). */
    public static final String PREFIX = "dqa_";
    public static final int NAME_MAX_LENGTH = 100;

    public record TokenInfo(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** A new token: {@code token} is the secret, shown to its owner once. */
    public record CreatedToken(TokenInfo info, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public ApiTokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public CreatedToken create(String username, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String sql = "INSERT INTO api_tokens(user_id, name, token_hash) SELECT id, ?, ? FROM users WHERE username = ? "
                + "RETURNING id, created_at";
        TokenInfo info = jdbi.withHandle(h -> h.createQuery(sql).bind(0, name).bind(1, hash(token)).bind(2, username)
                .map((rs, ctx) -> new TokenInfo(rs.getLong(1), name, rs.getTimestamp(2).toInstant(), null, null))
                .findOne()).orElseThrow(() -> new DataAccessException("No user " + username, null));
        return new CreatedToken(info, token);
    }

    public List<TokenInfo> findByUser(String username) {
        String sql = "SELECT t.id, t.name, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t "
                + "JOIN users u ON u.id = t.user_id WHERE u.username = ? ORDER BY t.id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, username)
                .map((rs, ctx) -> new TokenInfo(rs.getLong(1), rs.getString(2), Sql.instant(rs.getTimestamp(3)),
                        Sql.instant(rs.getTimestamp(4)), Sql.instant(rs.getTimestamp(5))))
                .list());
    }

    /** Revokes one of the user's own tokens; false when the user has no such (unrevoked) token. */
    public boolean revoke(String username, long tokenId) {
        String sql = "UPDATE api_tokens t SET revoked_at = now() FROM users u WHERE u.id = t.user_id "
                + "AND u.username = ? AND t.id = ? AND t.revoked_at IS NULL";
        return jdbi.withHandle(h -> h.execute(sql, username, tokenId)) > 0;
    }

    /**
     * The enabled user owning this unrevoked token, marking it used. Read on every request, so revocation and
     * disabling take effect at once. "Last used" is kept to the minute: within a minute of the last mark nothing is
     * written, so a busy integration does not pay a durable write (and its disk flush) on every request.
     */
    public Optional<AppUser> authenticate(String token) {
        String sql = "WITH owner AS (SELECT t.id AS token_id, t.last_used_at, u.id, u.username, u.password_hash, "
                + "u.role, u.enabled FROM api_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled), "
                + "touched AS (UPDATE api_tokens SET last_used_at = now() WHERE id IN (SELECT token_id FROM owner "
                + "WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) "
                + "SELECT id, username, password_hash, role, enabled FROM owner";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, hash(token)).map(UserRepository::map).findOne());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
