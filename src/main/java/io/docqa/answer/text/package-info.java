/**
 * What the answer steps read from a question's or passage's text alone: content words analysed like the index
 * ({@link io.docqa.answer.text.Terms}) and section numbers ({@link io.docqa.answer.text.SectionNumbers}). Shared by
 * the relevance gate, the extractive answer, verification and follow-up rewriting.
 * Depends on: corpus.
 */
package io.docqa.answer.text;
