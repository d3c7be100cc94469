package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-user token buckets: {@code burst} requests at once, refilled at {@code perMinute}; one bucket per user for
 * questions and searches ({@link Kind#QUERY}) and a second one for the other expensive requests
 * ({@link Kind#EXPENSIVE}: page images, highlights, evaluation runs, new tokens and conversations).
 * <p>
 * The buckets live in PostgreSQL ({@code rate_limit_buckets}), shared by every instance, so a user gets the limit
 * whichever instances serve them, not the limit once per instance. A request costs one statement (an upsert that
 * refills and takes a token atomically under the row lock, using the database's clock so instances need not agree on
 * time) on an unlogged table. A refused user is refused locally until their next token is due, without asking the
 * database again: a flood costs one statement per refill, not one per request.
 */
@ApplicationScoped
public class RateLimiter {

    /** Which bucket a request is counted against. */
    public enum Kind {
        /** Questions and searches (ask, search, the UI ask button). */
        QUERY,
        /** Other requests that cost CPU, memory or storage: page rendering, highlights, evaluation runs, new tokens and conversations. */
        EXPENSIVE
    }

    /** The outcome: allowed, or refused with the time after which one request will be allowed. */
    public record Decision(boolean allowed, Duration retryAfter) {
    }

    private static final String LEVEL = "LEAST(:capacity, b.tokens"
            + " + GREATEST(0, EXTRACT(EPOCH FROM now() - b.refilled_at)::float8) * :perSecond)";
    /** Refills by the time since the last request, takes one token if there is one, says whether it did. */
    private static final String TAKE = "INSERT INTO rate_limit_buckets AS b (username, kind, tokens, refilled_at, allowed)"
            + " VALUES (:username, :kind, :capacity - 1, now(), true)"
            + " ON CONFLICT (username, kind) DO UPDATE SET"
            + " tokens = CASE WHEN " + LEVEL + " >= 1 THEN " + LEVEL + " - 1 ELSE " + LEVEL + " END,"
            + " refilled_at = GREATEST(b.refilled_at, now()), allowed = " + LEVEL + " >= 1"
            + " RETURNING allowed, tokens";

    private final SecurityConfig.RateLimit config;
    private final Jdbi jdbi;
    /** Per bucket, the System.nanoTime() before which it is known to be empty. */
    private final ConcurrentMap<String, Long> emptyUntil = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(SecurityConfig config, Jdbi jdbi) {
        this(config.rateLimit(), jdbi);
    }

    RateLimiter(SecurityConfig.RateLimit config, Jdbi jdbi) {
        this.config = config;
        this.jdbi = jdbi;
    }

    /** Counts one request of {@code kind} by {@code username}. */
    public Decision tryAcquire(Kind kind, String username) {
        int perMinute = kind == Kind.QUERY ? config.perMinute() : config.expensivePerMinute();
        int burst = kind == Kind.QUERY ? config.burst() : config.expensiveBurst();
        if (perMinute <= 0 || config.exemptUsers().map(u -> u.contains(username)).orElse(false)) {
            return new Decision(true, Duration.ZERO);
        }
        String key = kind + ":" + username;
        long now = System.nanoTime();
        Long until = emptyUntil.get(key);
        if (until != null) {
            if (now - until < 0) {
                return new Decision(false, Duration.ofNanos(until - now));
            }
            emptyUntil.remove(key, until);
        }
        double perSecond = perMinute / 60.0;
        Decision decision = jdbi.withHandle(h -> h.createQuery(TAKE)
                .bind("username", username).bind("kind", kind.name())
                .bind("capacity", (double) Math.max(1, burst)).bind("perSecond", perSecond)
                .map((rs, ctx) -> rs.getBoolean("allowed") ? new Decision(true, Duration.ZERO)
                        : new Decision(false, Duration.ofNanos((long) Math.ceil((1 - rs.getDouble("tokens")) / perSecond * 1e9))))
                .one());
        if (!decision.allowed()) {
            emptyUntil.put(key, now + decision.retryAfter().toNanos());
        }
        return decision;
    }
}
