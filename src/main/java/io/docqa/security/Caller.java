package io.docqa.security;

/** The signed-in user a request acts for, as REST resources and views know it. */
public record Caller(String username, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
