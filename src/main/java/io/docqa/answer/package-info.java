/**
 * Answering: {@link io.docqa.answer.AnswerService} retrieves passages, decides whether they are relevant
 * enough to answer from ({@link io.docqa.answer.RelevanceGate}), and composes a cited answer — extractively
 * (no LLM configured) or with a LangChain4j chat model given the passages as numbered sources.
 */
package io.docqa.answer;
