package io.docqa.mcp;

import java.util.List;

/**
 * The structured content of the tools' results, as JSON objects an assistant can read field by field. Dates are ISO
 * strings; {@code link} fields are DocQA addresses the user can open with the same credentials.
 */
final class ToolResults {

    private ToolResults() {
    }

    record CollectionItem(long id, String name, String language, String createdAt) {
    }

    record CollectionList(List<CollectionItem> collections) {
    }

    /**
     * One passage found: cite it as "documentName, p. page" (or by its heading) and quote {@code text}; {@code start}
     * and {@code end} are character offsets in the document's text, usable with get_passage.
     */
    record Passage(int rank, long chunkId, long documentId, String documentName, long collectionId, Integer page,
            String headingPath, int start, int end, double score, String text, String addedFor, String link,
            String pageLink) {
    }

    record SearchResults(String query, List<Passage> results) {
    }

    /** Source [n] of an answer; {@code quote}: the exact words relied on, when known. */
    record Source(int n, long chunkId, long documentId, String documentName, Integer page, String headingPath,
            String quote, String text, int start, int end, String link, String pageLink) {
    }

    /** One sentence of the answer, whether its cited sources support it, and how strongly (0 to 1). */
    record Sentence(String text, List<Integer> citations, boolean supported, double score, String problem) {
    }

    record AnswerResult(String question, String answer, boolean notFound, boolean grounded, String mode, String notice,
            List<Source> citations, List<Sentence> sentences, List<Source> closest, Long answerId) {
    }

    record PassageResult(long documentId, String documentName, long collectionId, Long chunkId, Integer page, int start,
            int end, String before, String text, String after, String link, String pageLink) {
    }

    record DocumentItem(long id, String name, String status, String error, String contentType, Integer pages,
            int chunks, List<String> tags, String documentDate, String createdAt, String link) {
    }

    record DocumentList(long collectionId, int offset, long total, Integer nextOffset, List<DocumentItem> documents) {
    }

    /** A refused call: {@code error} is the kind (invalid_argument, not_found, ...), {@code message} says what to do. */
    record ToolError(String error, String message, Long retryAfterSeconds) {
    }
}
