/**
 * What an answer is: {@link io.docqa.answer.model.Answer} with its {@link io.docqa.answer.model.Citation}s and the
 * {@link io.docqa.answer.model.SentenceCheck} of each sentence, and the answer settings. The value types the answer
 * steps (extractive, verify, conversation) produce and the adapters show; they depend on nothing else.
 */
package io.docqa.answer.model;
