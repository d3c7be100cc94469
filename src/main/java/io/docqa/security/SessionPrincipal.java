package io.docqa.security;

import java.util.OptionalLong;

/**
 * The principal name a form-login cookie carries: the user name, the account's id and its session epoch. Quarkus' encrypted
 * form cookie holds nothing but this name (and its idle expiry) and cannot be revoked on the server, so the epoch
 * binds it to the database: signing out, a password reset and disabling raise the epoch
 * ({@link UserRepository#endSessions}), and {@link TrustedIdentityProvider} refuses a cookie whose epoch is not the
 * current one. The id binds it to the account, not the name: a cookie of a deleted user never signs in a new account
 * created with the same name (whose epoch starts again at 0). The separator is a NUL character, which no stored user name can contain (PostgreSQL text cannot).
 */
public final class SessionPrincipal {

    private static final char SEPARATOR = '\0';

    private SessionPrincipal() {
    }

    static String of(String username, long userId, long epoch) {
        return username + SEPARATOR + userId + SEPARATOR + epoch;
    }

    /** The account id in a principal name; empty when it has none (a cookie from before ids, or a malformed one). */
    public static OptionalLong userId(String principalName) {
        String[] parts = principalName.split(String.valueOf(SEPARATOR), -1);
        return parts.length == 3 ? number(parts[1]) : OptionalLong.empty();
    }

    /** The user name in a principal name, with or without a session epoch. */
    public static String username(String principalName) {
        int at = principalName.indexOf(SEPARATOR);
        return at < 0 ? principalName : principalName.substring(0, at);
    }

    /** The session epoch in a principal name; empty when it has none (or a malformed one). */
    static OptionalLong epoch(String principalName) {
        String[] parts = principalName.split(String.valueOf(SEPARATOR), -1);
        return parts.length == 3 ? number(parts[2]) : OptionalLong.empty();
    }

    private static OptionalLong number(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
