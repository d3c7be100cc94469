package io.docqa.answer.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation of one user: {@code ownerId} is the account that owns it, {@code owner} its name.
 * {@code collectionIds} are the collections its questions are asked over, as last
 * chosen (empty: all the user may read); the caller filters them by what the user may still read.
 */
public record Conversation(long id, long ownerId, String owner, String title, Instant createdAt, Instant updatedAt,
        List<Long> collectionIds) {

    public Conversation {
        collectionIds = collectionIds == null ? List.of() : List.copyOf(collectionIds);
    }

    /** Longest title stored (the column's length); longer first questions are shortened. */
    public static final int TITLE_MAX = 200;
    public static final String UNTITLED = "New conversation";
}
