package io.docqa.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sign-in throttling, rate limits, request and upload limits ({@code docqa.security.*}); audit retention: {@code AuditConfig}. */
@ConfigMapping(prefix = "docqa.security")
public interface SecurityConfig {

    Lockout lockout();

    RateLimit rateLimit();

    Upload upload();

    Request request();

    /**
     * How long a successfully checked password is remembered (as a keyed hash, tied to the stored bcrypt hash), so
     * HTTP Basic clients do not pay bcrypt on every request. {@code PT0S} checks bcrypt every time.
     */
    @WithDefault("PT5M")
    Duration passwordCacheTtl();

    /**
     * Repeated failed sign-ins: each failure adds a delay, then the client address is locked out of that account for
     * a while (other addresses, e.g. the account's owner, are not).
     */
    interface Lockout {
        /** Failures in a row from one client address after which that address is locked out of the user name. */
        @WithDefault("5")
        int maxFailures();

        /**
         * Failures of one user name from all addresses (within lock-duration of each other) after which the account
         * counts as under attack: addresses that never signed in to it get one wrong guess before they are locked
         * out, and every refusal is held back max-delay. The account itself is never locked; 0 turns this off.
         */
        @WithDefault("50")
        int accountMaxFailures();

        /** How long a locked client address is refused every sign-in to the name, even with the right password. */
        @WithDefault("PT15M")
        Duration lockDuration();

        /** Delay added per consecutive failure before the (failed) answer is sent; slows down guessing. */
        @WithDefault("PT0.2S")
        Duration delayPerFailure();

        /** Upper bound of that delay. */
        @WithDefault("PT2S")
        Duration maxDelay();
    }

    /** Per-user token buckets on ask and search, and on the other expensive requests (REST and UI). */
    interface RateLimit {
        /** Requests a user may make per minute on average; 0 turns the limit off. */
        @WithDefault("60")
        int perMinute();

        /** Requests a user may make at once before the average applies. */
        @WithDefault("20")
        int burst();

        /**
         * Other expensive requests (page images, highlights, opening a source, evaluation runs, new API tokens and
         * conversations) a user may make per minute on average; 0 turns this limit off.
         */
        @WithDefault("120")
        int expensivePerMinute();

        /** Expensive requests a user may make at once before the average applies. */
        @WithDefault("30")
        int expensiveBurst();

        /**
         * User names never limited, e.g. a service account that runs evaluations or bulk checks
         * ({@code DOCQA_SECURITY_RATE_LIMIT_EXEMPT_USERS=eval-bot,ci}). Empty by default.
         */
        Optional<List<String>> exemptUsers();
    }

    Tokens tokens();

    /** Personal API tokens. */
    interface Tokens {
        /**
         * Most live (neither revoked nor expired) API tokens one user may hold; creating one more is refused with
         * 409 until one is revoked or expires. 0 turns the limit off.
         */
        @WithDefault("100")
        int maxLivePerUser();
    }

    /** Requests to the REST API other than uploads. */
    interface Request {
        /**
         * Largest body of a JSON request under /api (uploads: {@code quarkus.http.limits.max-body-size}); a larger
         * one is refused with 413 before it is read, whether it announces its length or is sent in chunks.
         */
        @WithDefault("1M")
        MemorySize maxJsonBodySize();
    }

    interface Upload {
        /** Most files accepted in one upload request (more: 413). */
        @WithDefault("50")
        int maxFilesPerRequest();
    }

    /** Storage quota of each collection, so that one editor cannot fill the server's disk; 0 turns a limit off. */
    Quota quota();

    interface Quota {
        /** Most documents one collection may hold (an upload beyond it: 409). */
        @WithDefault("100000")
        int maxDocumentsPerCollection();

        /** Most bytes of originals one collection may hold, e.g. {@code 20G} (an upload beyond it: 413). */
        @WithDefault("20G")
        MemorySize maxBytesPerCollection();
    }
}
