package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
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
     * Counts a failure (a run of failures restarts after a quiet lock-duration), locks the name when the run reaches
     * the limit, then waits a delay growing with the run, so guessing gets slower with every miss.
     */
    public void failed(String username) {
        String upsert = "INSERT INTO login_failures(username, failures, last_failure) VALUES (?, 1, now()) "
                + "ON CONFLICT (username) DO UPDATE SET failures = CASE WHEN login_failures.last_failure "
                + "< now() - make_interval(secs => ?) THEN 1 ELSE login_failures.failures + 1 END, last_failure = now() "
                + "RETURNING failures";
        String lock = "UPDATE login_failures SET locked_until = now() + make_interval(secs => ?), failures = 0 WHERE username = ?";
        double lockSeconds = config.lockDuration().toMillis() / 1000.0;
        int failures = jdbi.withHandle(h -> {
            int run = h.createQuery(upsert).bind(0, key(username)).bind(1, lockSeconds).mapTo(Integer.class).one();
            if (run >= config.maxFailures()) {
                h.execute(lock, lockSeconds, key(username));
            }
            return run;
        });
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
        jdbi.useHandle(h -> h.execute("DELETE FROM login_failures WHERE username = ? AND locked_until IS NULL "
                + "OR username = ? AND locked_until <= now()", key(username), key(username)));
    }

    private static String key(String username) {
        String u = username == null ? "" : username;
        return u.length() > AppUser.USERNAME_MAX_LENGTH ? u.substring(0, AppUser.USERNAME_MAX_LENGTH) : u;
    }
}
