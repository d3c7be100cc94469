package io.docqa.security;

import io.docqa.corpus.DuplicateNameException;
import io.docqa.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** Users in PostgreSQL. */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "SELECT id, username, password_hash, role, enabled FROM users ";

    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Maps a row of {@code id, username, password_hash, role, enabled}. */
    static AppUser map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AppUser(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)), rs.getBoolean(5));
    }

    public Optional<AppUser> findByUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + "WHERE username = ?").bind(0, username)
                .map(UserRepository::map).findOne());
    }

    /** The account with this id (a user name can be deleted and given to a new account; an id never is). */
    public Optional<AppUser> findById(long id) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + "WHERE id = ?").bind(0, id)
                .map(UserRepository::map).findOne());
    }

    /**
     * The enabled account {@code id}, still named {@code username}, whose session epoch is {@code epoch}: a
     * form-login cookie that is still valid. A cookie of a deleted account never signs in a new one of the same name.
     */
    public Optional<AppUser> findBySession(long id, String username, long epoch) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + "WHERE id = ? AND username = ? AND session_epoch = ? AND enabled")
                .bind(0, id).bind(1, username).bind(2, epoch).map(UserRepository::map).findOne());
    }

    /** The account's id and current session epoch, as a form-login cookie carries them. */
    public record Session(long userId, long epoch) {
    }

    /** The named account's id and session epoch; empty when there is no such user. */
    public Optional<Session> session(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, session_epoch FROM users WHERE username = ?")
                .bind(0, username).map((rs, ctx) -> new Session(rs.getLong(1), rs.getLong(2))).findOne());
    }

    /** The account bound to an OpenID Connect identity (issuer and subject). */
    public Optional<AppUser> findByOidcIdentity(String issuer, String subject) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + "WHERE oidc_issuer = ? AND oidc_subject = ?")
                .bind(0, issuer).bind(1, subject).map(UserRepository::map).findOne());
    }

    /**
     * Creates an account bound to an OpenID Connect identity (with an unusable random password); it is found by
     * issuer and subject from then on, whatever its name claim becomes.
     */
    public AppUser createOidc(String username, String passwordHash, Role role, String issuer, String subject) {
        try {
            return jdbi.withHandle(h -> h.createQuery("INSERT INTO users(username, password_hash, role, oidc_issuer, "
                    + "oidc_subject) VALUES (?, ?, ?, ?, ?) RETURNING id, username, password_hash, role, enabled")
                    .bind(0, username).bind(1, passwordHash).bind(2, role.name()).bind(3, issuer).bind(4, subject)
                    .map(UserRepository::map).one());
        } catch (JdbiException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateNameException("A user named \"" + username + "\" already exists.");
            }
            throw e;
        }
    }

    /**
     * Binds an account that an OIDC sign-in created before accounts were bound by issuer and subject (marked by the
     * V19 migration) to this identity, once; false for every other account (local ones are never claimed).
     */
    public boolean bindUnboundOidc(long id, String issuer, String subject) {
        return update("UPDATE users SET oidc_issuer = ?, oidc_subject = ?, oidc_unbound = false "
                + "WHERE id = ? AND oidc_unbound AND oidc_subject IS NULL", issuer, subject, id);
    }

    /** Ends every form-login session of the user: cookies issued before carry an outdated epoch. */
    public boolean endSessions(String username) {
        return update("UPDATE users SET session_epoch = session_epoch + 1 WHERE username = ?", username);
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one());
    }

    public void create(String username, String passwordHash, Role role) {
        try {
            jdbi.useHandle(h -> h.execute("INSERT INTO users(username, password_hash, role) VALUES (?, ?, ?)", username,
                    passwordHash, role.name()));
        } catch (JdbiException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateNameException("A user named \"" + username + "\" already exists.");
            }
            throw e;
        }
    }

    /** Every user, by name (hashes included: callers must not expose them). */
    public List<AppUser> findAll() {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + "ORDER BY username").map(UserRepository::map).list());
    }

    public boolean setEnabled(String username, boolean enabled) {
        return update("UPDATE users SET enabled = ? WHERE username = ?", enabled, username);
    }

    public boolean setRole(String username, Role role) {
        return update("UPDATE users SET role = ? WHERE username = ?", role.name(), username);
    }

    public boolean setPasswordHash(String username, String hash) {
        return update("UPDATE users SET password_hash = ? WHERE username = ?", hash, username);
    }

    /** Deletes the user with their memberships and tokens (cascade). */
    public boolean delete(String username) {
        return update("DELETE FROM users WHERE username = ?", username);
    }

    private boolean update(String sql, Object... args) {
        return jdbi.withHandle(h -> h.execute(sql, args)) > 0;
    }
}
