package io.docqa.security;

/** What a user may do; each role may do everything the roles after it may. */
public enum Role {
    ADMIN, EDITOR, READER;

    /** Whether this role includes {@code other} (ADMIN includes EDITOR includes READER). */
    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }
}
