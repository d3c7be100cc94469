package io.docqa.security;

import java.util.OptionalLong;

/**
 * The principal name a form-login cookie carries: the user name and the user's session epoch. Quarkus' encrypted
 * form cookie holds nothing but this name (and its idle expiry) and cannot be revoked on the server, so the epoch
 * binds it to the database: signing out, a password reset and disabling raise the epoch
 * ({@link UserRepository#endSessions}), and {@link TrustedIdentityProvider} refuses a cookie whose epoch is not the
 * current one. The separator is a NUL character, which no stored user name can contain (PostgreSQL text cannot).
 */
public final class SessionPrincipal {

    private static final char SEPARATOR = '\0';

    private SessionPrincipal() {
    }

    static String of(String username, long epoch) {
        return username + SEPARATOR + epoch;
    }

    /** The user name in a principal name, with or without a session epoch. */
    public static String username(String principalName) {
        int at = principalName.indexOf(SEPARATOR);
        return at < 0 ? principalName : principalName.substring(0, at);
    }

    /** The session epoch in a principal name; empty when it has none (or a malformed one). */
    static OptionalLong epoch(String principalName) {
        int at = principalName.indexOf(SEPARATOR);
        if (at < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(principalName.substring(at + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
