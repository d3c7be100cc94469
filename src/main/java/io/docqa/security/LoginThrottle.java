package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows down and then locks repeated failed sign-ins, per account <em>and</em> client address. The account is its id
 * ({@link SignInKey#of}), never its name: failures against a deleted account do not carry over to a new account of the
 * same name, and failures against a name that had no account when they were made (kept under the name, so that
 * unknown names are throttled like real ones) do not count against an account created with that name later. State lives in
 * PostgreSQL (table login_failures), so it survives restarts and is shared by several instances; times come from the
 * database clock. Unknown names are tracked like accounts, so the answers do not reveal which names exist.
 * <p>
 * Why per address: a lock per account alone lets anybody lock any user, an administrator included, out of their own
 * account from elsewhere by sending wrong passwords. Here {@code max-failures} wrong guesses lock only the address
 * they came from out of that account. The account's failures from all addresses are counted too (address
 * {@value #ALL_ADDRESSES}); past the much higher {@code account-max-failures}, addresses that never signed in to the
 * account successfully get a single wrong guess before they are locked out of it, and every refusal is held back
 * as long as allowed: guessing from many addresses is slowed down, yet the account is never locked for its owner,
 * whose address has signed in before and keeps the normal limit. The client address is the connection's, or the
 * one a trusted proxy forwarded when {@code quarkus.http.proxy.proxy-address-forwarding} says so.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The address under which the failures of an account from every address are counted. */
    static final String ALL_ADDRESSES = "*";
    /** Longest address kept (the column's length). */
    private static final int ADDRESS_MAX_LENGTH = 64;

    private final Jdbi jdbi;
    private final SecurityConfig.Lockout config;

    public LoginThrottle(Jdbi jdbi, SecurityConfig config) {
        this.jdbi = jdbi;
        this.config = config.lockout();
    }

    /**
     * Whom failed sign-ins are counted against: an account by its id, or a name that has no account. Unknown names
     * are kept apart from ids by their prefix, so no name can stand for an account.
     */
    public record SignInKey(String value) {

        /** The key of the account with this id, or of the name when there is no such account. */
        public static SignInKey of(Optional<AppUser> account, String username) {
            if (account.isPresent()) {
                return new SignInKey("account:" + account.get().id());
            }
            String u = username == null ? "" : username;
            return new SignInKey("name:" + (u.length() > AppUser.USERNAME_MAX_LENGTH
                    ? u.substring(0, AppUser.USERNAME_MAX_LENGTH) : u));
        }
    }

    /** True while this address is locked out of the account: every sign-in from it is refused, even the right password. */
    public boolean isLocked(SignInKey account, String address) {
        String sql = "SELECT 1 FROM login_failures WHERE account = ? AND address = ? AND locked_until > now()";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, account.value()).bind(1, address(address))
                .mapTo(Integer.class).findOne().isPresent());
    }

    /**
     * Counts a failure against the account from this address, and locks the address out of it when its run reaches
     * the limit, in one statement, so parallel failures are each counted and the lock comes exactly at the limit (a
     * run restarts after a quiet lock-duration or an expired lock; failures while locked change nothing). Returns
     * how long the caller should hold the refusal back, growing with the run; it does not wait itself, so no worker
     * thread sleeps.
     */
    public Duration failed(SignInKey account, String address) {
        double lockSeconds = config.lockDuration().toMillis() / 1000.0;
        return jdbi.withHandle(h -> {
            int accountRun = h.createQuery(ACCOUNT_FAILURE).bind("user", account.value()).bind("all", ALL_ADDRESSES)
                    .bind("lock", lockSeconds).mapTo(Integer.class).one();
            boolean underAttack = config.accountMaxFailures() > 0 && accountRun > config.accountMaxFailures();
            int run = h.createQuery(FAILURE).bind("user", account.value()).bind("address", address(address))
                    .bind("lock", lockSeconds).bind("max", config.maxFailures())
                    .bind("strict", underAttack).mapTo(Integer.class).one();
            long delay = underAttack ? config.maxDelay().toMillis()
                    : Math.min(config.delayPerFailure().toMillis() * Math.min(run, config.maxFailures()),
                            config.maxDelay().toMillis());
            return Duration.ofMillis(delay);
        });
    }

    /** The account's failures from every address: a run that restarts after a quiet lock-duration, never a lock. */
    private static final String ACCOUNT_FAILURE = "INSERT INTO login_failures AS f (account, address, failures, "
            + "last_failure) VALUES (:user, :all, 1, now()) ON CONFLICT (account, address) DO UPDATE SET "
            + "failures = CASE WHEN f.last_failure < now() - make_interval(secs => :lock) THEN 1 ELSE f.failures + 1 END, "
            + "last_failure = now() RETURNING failures";

    /** The limit of this address: one failure when the account is under attack and the address never signed in. */
    private static final String MAX = "(CASE WHEN :strict AND f.succeeded_at IS NULL THEN 1 ELSE :max END)";
    /** The run of failures after this one: the lock is set by the same statement that counts. */
    private static final String RUN = "CASE WHEN f.locked_until > now() THEN f.failures "
            + "WHEN f.locked_until IS NOT NULL OR f.last_failure < now() - make_interval(secs => :lock) THEN 1 "
            + "ELSE f.failures + 1 END";
    private static final String FAILURE = "INSERT INTO login_failures AS f (account, address, failures, last_failure, "
            + "locked_until) VALUES (:user, :address, 1, now(), CASE WHEN :strict OR 1 >= :max "
            + "THEN now() + make_interval(secs => :lock) END) "
            + "ON CONFLICT (account, address) DO UPDATE SET failures = " + RUN + ", last_failure = now(), "
            + "locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until WHEN " + RUN + " >= " + MAX
            + " THEN now() + make_interval(secs => :lock) END RETURNING failures";

    /**
     * Accepts a sign-in from this address whose password was right, unless the address got locked out of the account
     * meanwhile (by failures recorded while this password was being checked); an accepted sign-in clears the run of
     * failures and makes the address known to the account (it keeps the normal limit when the account is under
     * attack). One statement decides, so a right guess sent among parallel wrong ones counts only if fewer than
     * {@code max-failures} of them were recorded before it: parallel guessing is worth no more than guessing in turn.
     * It writes only when something changes (HTTP Basic signs in on every request).
     */
    public boolean succeeded(SignInKey account, String address) {
        String sql = "WITH known AS (INSERT INTO login_failures AS f (account, address, failures, last_failure, "
                + "succeeded_at) VALUES (:user, :address, 0, now(), now()) ON CONFLICT (account, address) DO UPDATE "
                + "SET failures = 0, locked_until = NULL, succeeded_at = now() "
                + "WHERE (f.locked_until IS NULL OR f.locked_until <= now()) AND (f.failures > 0 "
                + "OR f.locked_until IS NOT NULL OR f.succeeded_at IS NULL OR f.succeeded_at < now() - interval '1 day') "
                + "RETURNING 1) "
                + "SELECT NOT EXISTS (SELECT 1 FROM login_failures WHERE account = :user AND address = :address "
                + "AND locked_until > now())";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("user", account.value()).bind("address", address(address))
                .mapTo(Boolean.class).one());
    }

    private static String address(String address) {
        String a = address == null || address.isBlank() || ALL_ADDRESSES.equals(address) ? "unknown" : address;
        return a.length() > ADDRESS_MAX_LENGTH ? a.substring(0, ADDRESS_MAX_LENGTH) : a;
    }
}
