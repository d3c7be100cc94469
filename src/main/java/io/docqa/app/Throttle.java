package io.docqa.app;

import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-user rate limits as a use-case rule: a service counts the request against the caller's bucket before it
 * does any work, and a caller over the limit is refused (too many requests, with the time to wait), whichever
 * adapter they use.
 */
@ApplicationScoped
public class Throttle {

    private final Callers callers;
    private final RateLimiter limiter;

    public Throttle(Callers callers, RateLimiter limiter) {
        this.callers = callers;
        this.limiter = limiter;
    }

    /** The current caller (refused when disabled or removed), counted against their bucket of {@code kind}. */
    public Caller admit(Caller claimed, RateLimiter.Kind kind, String what) {
        Caller caller = callers.current(claimed);
        count(caller, kind, what);
        return caller;
    }

    /**
     * Counts one request of {@code kind} by a caller already re-read; {@code what} names such requests in the
     * refusal ("page images").
     */
    public void count(Caller caller, RateLimiter.Kind kind, String what) {
        RateLimiter.Decision decision = limiter.tryAcquire(kind, caller.username());
        if (!decision.allowed()) {
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            throw UseCaseException.tooManyRequests("Too many " + what + ": wait " + seconds + " s and try again.",
                    decision.retryAfter());
        }
    }
}
