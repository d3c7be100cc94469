package io.docqa.corpus;

import java.time.Instant;

/** A named set of documents that users search and ask within. */
public record DocumentCollection(long id, String name, Instant createdAt) {

    /** Longest collection name accepted by the database, the REST API and the UI. */
    public static final int NAME_MAX_LENGTH = 200;
}
