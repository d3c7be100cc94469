package io.docqa.app;

import java.time.Duration;
import java.util.Optional;

/**
 * A use case refused for a reason the caller can act on. The message is written for the user; the kind decides
 * how an adapter reports it (REST: the status code; UI: a notification).
 */
public class UseCaseException extends RuntimeException {

    /** Why a use case was refused, with the HTTP status the REST adapter answers. */
    public enum Kind {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413), UNSUPPORTED_TYPE(415),
        TOO_MANY_REQUESTS(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public UseCaseException(Kind kind, String message) {
        this(kind, message, null);
    }

    private UseCaseException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#TOO_MANY_REQUESTS}: how long to wait before trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static UseCaseException invalid(String message) {
        return new UseCaseException(Kind.INVALID, message);
    }

    public static UseCaseException forbidden(String message) {
        return new UseCaseException(Kind.FORBIDDEN, message);
    }

    public static UseCaseException notFound(String message) {
        return new UseCaseException(Kind.NOT_FOUND, message);
    }

    public static UseCaseException conflict(String message) {
        return new UseCaseException(Kind.CONFLICT, message);
    }

    public static UseCaseException tooManyRequests(String message, Duration retryAfter) {
        return new UseCaseException(Kind.TOO_MANY_REQUESTS, message, retryAfter);
    }
}
