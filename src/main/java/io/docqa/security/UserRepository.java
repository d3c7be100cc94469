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

    /** The enabled user whose session epoch is {@code epoch}: a form-login cookie that is still valid. */
    public Optional<AppUser> findBySession(String username, long epoch) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + "WHERE username = ? AND session_epoch = ? AND enabled")
                .bind(0, username).bind(1, epoch).map(UserRepository::map).findOne());
    }

    /** The user's current session epoch (0 when there is no such user). */
    public long sessionEpoch(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT session_epoch FROM users WHERE username = ?").bind(0, username)
                .mapTo(Long.class).findOne()).orElse(0L);
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
