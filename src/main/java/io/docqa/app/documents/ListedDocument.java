package io.docqa.app.documents;

import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentMetadata;
import java.util.List;

/** A document of a listing, with its tags and date and what could not be read of it ({@code warnings}). */
public record ListedDocument(Document document, DocumentMetadata metadata, List<String> warnings) {
}
