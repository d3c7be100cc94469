package io.docqa.security;

/** What a user may do. */
public enum Role { ADMIN, EDITOR, READER }
