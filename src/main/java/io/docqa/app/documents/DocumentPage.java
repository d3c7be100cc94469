package io.docqa.app.documents;

import java.util.List;

/** Some documents of a collection in upload order, and how many the collection has in all. */
public record DocumentPage(List<ListedDocument> documents, long total) {
}
