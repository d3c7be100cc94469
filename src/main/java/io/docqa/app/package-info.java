/**
 * Application services: each use case written once. One service per feature ({@code collections},
 * {@code documents}, {@code ask}, {@code conversations}, {@code users}, {@code tokens}, {@code audit},
 * {@code evaluation}, {@code jobs}) takes the caller explicitly, validates the input, checks access against the
 * caller's <em>current</em> role and memberships ({@link io.docqa.app.Callers}), applies rate limits and writes
 * the audit entry, then calls the domain. REST resources, Vaadin views and CLI commands are thin adapters over
 * these services; a refused use case is a {@link io.docqa.app.UseCaseException} that each adapter renders its
 * own way (a JSON error, a notification).
 * Depends on: answer, cluster, corpus, embedding, evaluate, ingest, retrieve, review, security, storage.
 */
package io.docqa.app;
