package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-user token buckets: {@code burst} requests at once, refilled at {@code perMinute}; one bucket per user for
 * questions and searches ({@link Kind#QUERY}) and a second one for the other expensive requests
 * ({@link Kind#EXPENSIVE}: page images, highlights, evaluation runs, new tokens and conversations). In memory (per
 * instance), which is enough to keep one user from starving the others of CPU.
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

    private final SecurityConfig.RateLimit config;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(SecurityConfig config) {
        this.config = config.rateLimit();
    }

    /** Counts one request of {@code kind} by {@code username}. */
    public Decision tryAcquire(Kind kind, String username) {
        int perMinute = kind == Kind.QUERY ? config.perMinute() : config.expensivePerMinute();
        int burst = kind == Kind.QUERY ? config.burst() : config.expensiveBurst();
        if (perMinute <= 0 || config.exemptUsers().map(u -> u.contains(username)).orElse(false)) {
            return new Decision(true, Duration.ZERO);
        }
        return buckets.computeIfAbsent(kind + ":" + username, u -> new Bucket(Math.max(1, burst), perMinute / 60e9))
                .tryTake(System.nanoTime());
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, double perNano) {
            this.capacity = capacity;
            this.perNano = perNano;
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        synchronized Decision tryTake(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, Duration.ZERO);
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / perNano);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }
    }
}
