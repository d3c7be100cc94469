package io.docqa.review.cell;

/** How a cell was answered; the REST API spells them in lower case ({@code not_found}). */
public enum CellStatus {
    /** A value with at least one quote from the document that supports it. */
    SUPPORTED,
    /** The document does not answer the column's question: an answer, never a guess. */
    NOT_FOUND,
    /** A value was proposed (by an LLM) but no quote of the document supports it. */
    UNSUPPORTED,
    /** The document gives different answers in different places. */
    CONFLICTING,
    /** The cell could not be computed (the message says why); retrying may help. */
    ERROR
}
