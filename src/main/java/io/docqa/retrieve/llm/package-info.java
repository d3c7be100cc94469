/**
 * Retrieval helped by the configured language model ({@code docqa.retrieve.llm.*}, off by default):
 * {@link io.docqa.retrieve.llm.LlmAssistedRetriever} wraps the hybrid retriever as the
 * {@link io.docqa.retrieve.core.Retriever} answers and searches use, adding query rewriting (multi-query, HyDE) and
 * re-ranking of the first candidates. The prompts and the parsing of replies live in
 * {@link io.docqa.retrieve.llm.RetrievalPrompts}; the model comes through
 * {@link io.docqa.retrieve.llm.RetrievalChatModel}, which the answer feature's model producer provides, so that
 * retrieval never depends on answering.
 */
package io.docqa.retrieve.llm;
