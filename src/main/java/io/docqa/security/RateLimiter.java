package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-user token buckets for ask and search: {@code burst} requests at once, refilled at {@code perMinute}.
 * In memory (per instance), which is enough to keep one user from starving the others of CPU.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome: allowed, or refused with the time after which one request will be allowed. */
    public record Decision(boolean allowed, Duration retryAfter) {
    }

    private final SecurityConfig.RateLimit config;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(SecurityConfig config) {
        this.config = config.rateLimit();
    }

    public Decision tryAcquire(String username) {
        if (config.perMinute() <= 0 || config.exemptUsers().map(u -> u.contains(username)).orElse(false)) {
            return new Decision(true, Duration.ZERO);
        }
        return buckets.computeIfAbsent(username, u -> new Bucket(Math.max(1, config.burst()), config.perMinute() / 60e9))
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
