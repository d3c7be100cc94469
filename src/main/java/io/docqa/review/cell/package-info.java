/**
 * Answering one cell of a review table (one document × one column): typed extraction (dates, amounts, durations,
 * yes/no, parties, clauses) with exact-span quotes, extractive or through the configured LLM.
 * Depends on: answer, corpus, retrieve.
 */
package io.docqa.review.cell;
