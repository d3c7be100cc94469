package io.docqa.security;

/** A user account. */
public record AppUser(long id, String username, String passwordHash, Role role, boolean enabled) {

    /** Longest user name, shared by schema and validation. */
    public static final int USERNAME_MAX_LENGTH = 100;

    /** Characters allowed in user names (REST and UI validate alike). */
    public static final String USERNAME_PATTERN = "[\\p{L}\\p{N}._@-]+";
}
