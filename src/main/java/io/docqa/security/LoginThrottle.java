package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows down and then locks repeated failed sign-ins per user name. State lives in PostgreSQL (table
 * login_failures), so it survives restarts and is shared by several instances; times come from the database
 * clock. Unknown user names are tracked like real ones, so the answers do not reveal which names exist.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Jdbi jdbi;
    private final SecurityConfig.Lockout config;

    public LoginThrottle(Jdbi jdbi, SecurityConfig config) {
        this.jdbi = jdbi;
        this.config = config.lockout();
    }

    /** True while the name is locked: every sign-in is refused, even with the right password. */
    public boolean isLocked(String username) {
        String sql = "SELECT 1 FROM login_failures WHERE username = ? AND locked_until > now()";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, key(username)).mapTo(Integer.class).findOne().isPresent());
    }

    /**
     * Counts a failure and locks the name when the run reaches the limit, in one statement, so parallel failures
     * are each counted and the lock comes exactly at the limit (a run of failures restarts after a quiet
     * lock-duration or an expired lock; failures while locked change nothing). Returns how long the caller should
     * hold the refusal back, growing with the run; it does not wait itself, so no worker thread sleeps.
     */
    public Duration failed(String username) {
        double lockSeconds = config.lockDuration().toMillis() / 1000.0;
        int run = jdbi.withHandle(h -> h.createQuery(FAILURE).bind("user", key(username)).bind("lock", lockSeconds)
                .bind("max", config.maxFailures()).mapTo(Integer.class).one());
        long delay = Math.min(config.delayPerFailure().toMillis() * Math.min(run, config.maxFailures()),
                config.maxDelay().toMillis());
        return Duration.ofMillis(delay);
    }

    /** The run of failures after this one: the lock is set by the same statement that counts. */
    private static final String RUN = "CASE WHEN f.locked_until > now() THEN f.failures "
            + "WHEN f.locked_until IS NOT NULL OR f.last_failure < now() - make_interval(secs => :lock) THEN 1 "
            + "ELSE f.failures + 1 END";
    private static final String FAILURE = "INSERT INTO login_failures AS f (username, failures, last_failure, locked_until) "
            + "VALUES (:user, 1, now(), CASE WHEN 1 >= :max THEN now() + make_interval(secs => :lock) END) "
            + "ON CONFLICT (username) DO UPDATE SET failures = " + RUN + ", last_failure = now(), "
            + "locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until WHEN " + RUN + " >= :max "
            + "THEN now() + make_interval(secs => :lock) END RETURNING failures";

    /**
     * Accepts a sign-in whose password was right, unless the name got locked meanwhile (by failures recorded while
     * this password was being checked); an accepted sign-in clears the run of failures. One statement decides, so a
     * right guess sent among parallel wrong ones counts only if fewer than {@code max-failures} of them were recorded
     * before it: parallel guessing is worth no more than guessing in turn.
     */
    public boolean succeeded(String username) {
        String sql = "WITH cleared AS (DELETE FROM login_failures WHERE username = :user "
                + "AND (locked_until IS NULL OR locked_until <= now()) RETURNING 1) "
                + "SELECT NOT EXISTS (SELECT 1 FROM login_failures WHERE username = :user AND locked_until > now())";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("user", key(username)).mapTo(Boolean.class).one());
    }

    private static String key(String username) {
        String u = username == null ? "" : username;
        return u.length() > AppUser.USERNAME_MAX_LENGTH ? u.substring(0, AppUser.USERNAME_MAX_LENGTH) : u;
    }
}
