package io.docqa.security;

/**
 * The signed-in user a request acts for, as REST resources and views know it. {@code userId} is the account's id
 * when the adapter knows it (0: not known, the account is found by name); services act on the caller that
 * {@code app.Callers} re-reads, which always carries the id.
 */
public record Caller(long userId, String username, Role role) {

    /** A caller known by name only; {@code app.Callers} resolves the account's id. */
    public Caller(String username, Role role) {
        this(0, username, role);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
