package io.docqa.answer.conversation;

import java.time.Instant;

/** A conversation of one user. */
public record Conversation(long id, String owner, String title, Instant createdAt, Instant updatedAt) {

    /** Longest title stored (the column's length); longer first questions are shortened. */
    public static final int TITLE_MAX = 200;
    public static final String UNTITLED = "New conversation";
}
