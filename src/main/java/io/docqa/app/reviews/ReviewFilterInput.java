package io.docqa.app.reviews;

import java.util.List;

/**
 * Which documents of the collection a review takes when no ids are given: file types (extensions such as
 * {@code pdf}), tags, and upload dates {@code dateFrom}/{@code dateTo} (ISO dates, inclusive). Empty: all ready
 * documents of the collection.
 */
public record ReviewFilterInput(List<String> types, List<String> tags, String dateFrom, String dateTo) {
}
