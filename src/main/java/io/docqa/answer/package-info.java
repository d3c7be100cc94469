/**
 * Answering: {@link io.docqa.answer.AnswerService} retrieves passages, decides whether they are relevant
 * enough to answer from ({@link io.docqa.answer.RelevanceGate}), and composes a cited answer — extractively
 * (no LLM configured) or with a LangChain4j chat model given the passages as numbered sources — returned with the
 * retrieval it came from ({@link io.docqa.answer.Answered}). What an answer is lives in {@code answer.model}, text
 * analysis the steps share in {@code answer.text}, so that the sub-packages never depend on this one.
 * Depends on: corpus, embedding, retrieve, storage.
 */
package io.docqa.answer;
