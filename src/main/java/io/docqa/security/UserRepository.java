package io.docqa.security;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users in PostgreSQL. */
@ApplicationScoped
public class UserRepository {

    private final AgroalDataSource dataSource;

    public UserRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AppUser> findByUsername(String username) {
        String sql = "SELECT id, username, password_hash, role, enabled FROM users WHERE username = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new AppUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Role.valueOf(rs.getString(4)), rs.getBoolean(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read user", e);
        }
    }

    public long count() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("Could not count users", e);
        }
    }

    public void create(String username, String passwordHash, Role role) {
        String sql = "INSERT INTO users(username, password_hash, role) VALUES (?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new io.docqa.corpus.DuplicateNameException("A user named \"" + username + "\" already exists.");
            }
            throw new DataAccessException("Could not create user " + username, e);
        }
    }

    /** Every user, by name (hashes included: callers must not expose them). */
    public List<AppUser> findAll() {
        String sql = "SELECT id, username, password_hash, role, enabled FROM users ORDER BY username";
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<AppUser> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new AppUser(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                        rs.getBoolean(5)));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list users", e);
        }
    }

    public boolean setEnabled(String username, boolean enabled) {
        return update("UPDATE users SET enabled = ? WHERE username = ?", ps -> {
            ps.setBoolean(1, enabled);
            ps.setString(2, username);
        });
    }

    public boolean setRole(String username, Role role) {
        return update("UPDATE users SET role = ? WHERE username = ?", ps -> {
            ps.setString(1, role.name());
            ps.setString(2, username);
        });
    }

    public boolean setPasswordHash(String username, String hash) {
        return update("UPDATE users SET password_hash = ? WHERE username = ?", ps -> {
            ps.setString(1, hash);
            ps.setString(2, username);
        });
    }

    /** Deletes the user with their memberships and tokens (cascade). */
    public boolean delete(String username) {
        return update("DELETE FROM users WHERE username = ?", ps -> ps.setString(1, username));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("Could not update users", e);
        }
    }
}
