package io.docqa.review.cell;

/**
 * Answers one review cell from its own document only: extractively when no LLM is configured, with the LLM
 * otherwise (its short typed answer verified against its quote like any answer sentence). The caller has already
 * checked that the review's owner may read the document. Must be safe to call from several worker threads.
 */
public interface CellAnswerer {

    CellAnswer answer(long documentId, ReviewColumn column);
}
