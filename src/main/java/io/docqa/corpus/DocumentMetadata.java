package io.docqa.corpus;

import java.time.Instant;
import java.util.List;

/** A document's tags and its date (null only while it has not been ingested): what metadata filters match. */
public record DocumentMetadata(List<String> tags, Instant documentDate) {

    public static final DocumentMetadata NONE = new DocumentMetadata(List.of(), null);

    public DocumentMetadata {
        tags = List.copyOf(tags);
    }
}
