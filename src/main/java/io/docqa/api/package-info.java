/**
 * The REST API under {@code /api}: a thin adapter over the application services ({@code io.docqa.app}). A
 * resource turns JSON into a service call and the result back into JSON; refusals and domain errors leave as
 * JSON {@code {"status","message"}} through the exception mappers. The other features appear here only as value
 * types (records of answers, passages, documents, users).
 * Depends on: answer, app, corpus, embedding, evaluate, ingest, retrieve, security, storage.
 */
package io.docqa.api;
