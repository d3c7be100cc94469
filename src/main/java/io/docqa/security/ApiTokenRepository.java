package io.docqa.security;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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

    private final AgroalDataSource dataSource;

    public ApiTokenRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public CreatedToken create(String username, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String sql = "INSERT INTO api_tokens(user_id, name, token_hash) SELECT id, ?, ? FROM users WHERE username = ? "
                + "RETURNING id, created_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setString(2, hash(token));
            ps.setString(3, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new DataAccessException("No user " + username, null);
                }
                return new CreatedToken(new TokenInfo(rs.getLong(1), name, rs.getTimestamp(2).toInstant(), null, null), token);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not create a token", e);
        }
    }

    public List<TokenInfo> findByUser(String username) {
        String sql = "SELECT t.id, t.name, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t "
                + "JOIN users u ON u.id = t.user_id WHERE u.username = ? ORDER BY t.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            List<TokenInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TokenInfo(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list tokens", e);
        }
    }

    /** Revokes one of the user's own tokens; false when the user has no such (unrevoked) token. */
    public boolean revoke(String username, long tokenId) {
        String sql = "UPDATE api_tokens t SET revoked_at = now() FROM users u WHERE u.id = t.user_id "
                + "AND u.username = ? AND t.id = ? AND t.revoked_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            ps.setLong(2, tokenId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("Could not revoke the token", e);
        }
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new AppUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4)), rs.getBoolean(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not check the token", e);
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
