package io.docqa.mcp;

import io.docqa.app.UseCaseException;

/** How a refused use case reads in a tool error: a kind an assistant can branch on and a message it can relay. */
final class ToolErrors {

    private ToolErrors() {
    }

    static String kind(UseCaseException e) {
        return switch (e.kind()) {
            case INVALID -> "invalid_argument";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case CONFLICT -> "conflict";
            case TOO_LARGE -> "too_large";
            case UNSUPPORTED_TYPE -> "unsupported_type";
            case TOO_MANY_REQUESTS -> "rate_limited";
        };
    }

    static String message(UseCaseException e) {
        String prefix = switch (e.kind()) {
            case INVALID -> "Invalid argument: ";
            case FORBIDDEN -> "Not allowed: ";
            case NOT_FOUND -> "Not found (unknown, or not readable by you): ";
            case CONFLICT -> "Conflict: ";
            case TOO_LARGE -> "Too large: ";
            case UNSUPPORTED_TYPE -> "Unsupported: ";
            case TOO_MANY_REQUESTS -> "Rate limit reached: ";
        };
        return prefix + e.getMessage();
    }
}
