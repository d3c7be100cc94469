package io.docqa.security;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Slows down and then locks repeated failed sign-ins per user name. State lives in PostgreSQL (table
 * login_failures), so it survives restarts and is shared by several instances; times come from the database
 * clock. Unknown user names are tracked like real ones, so the answers do not reveal which names exist.
 */
@ApplicationScoped
public class LoginThrottle {

    private final AgroalDataSource dataSource;
    private final SecurityConfig.Lockout config;

    public LoginThrottle(AgroalDataSource dataSource, SecurityConfig config) {
        this.dataSource = dataSource;
        this.config = config.lockout();
    }

    /** True while the name is locked: every sign-in is refused, even with the right password. */
    public boolean isLocked(String username) {
        String sql = "SELECT 1 FROM login_failures WHERE username = ? AND locked_until > now()";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key(username));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read sign-in failures", e);
        }
    }

    /**
     * Counts a failure (a run of failures restarts after a quiet lock-duration), locks the name when the run reaches
     * the limit, then waits a delay growing with the run, so guessing gets slower with every miss.
     */
    public void failed(String username) {
        String upsert = "INSERT INTO login_failures(username, failures, last_failure) VALUES (?, 1, now()) "
                + "ON CONFLICT (username) DO UPDATE SET failures = CASE WHEN login_failures.last_failure "
                + "< now() - make_interval(secs => ?) THEN 1 ELSE login_failures.failures + 1 END, last_failure = now() "
                + "RETURNING failures";
        String lock = "UPDATE login_failures SET locked_until = now() + make_interval(secs => ?), failures = 0 WHERE username = ?";
        int failures;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, key(username));
                ps.setDouble(2, config.lockDuration().toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    failures = rs.getInt(1);
                }
            }
            if (failures >= config.maxFailures()) {
                try (PreparedStatement ps = c.prepareStatement(lock)) {
                    ps.setDouble(1, config.lockDuration().toMillis() / 1000.0);
                    ps.setString(2, key(username));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not record a sign-in failure", e);
        }
        // a lock resets the run to 0; the failure that caused it gets the longest delay
        int run = failures >= config.maxFailures() ? config.maxFailures() : failures;
        long delay = Math.min(config.delayPerFailure().toMillis() * run, config.maxDelay().toMillis());
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A successful sign-in clears the run of failures. */
    public void succeeded(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM login_failures WHERE username = ? AND locked_until IS NULL "
                        + "OR username = ? AND locked_until <= now()")) {
            ps.setString(1, key(username));
            ps.setString(2, key(username));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not clear sign-in failures", e);
        }
    }

    private static String key(String username) {
        String u = username == null ? "" : username;
        return u.length() > AppUser.USERNAME_MAX_LENGTH ? u.substring(0, AppUser.USERNAME_MAX_LENGTH) : u;
    }
}
