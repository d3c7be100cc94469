/**
 * Document use cases, written once for REST and the UI: list a collection's documents (a page at a time), read one
 * with its progress, tag, cancel and delete it, render its PDF pages, read its glossary; and uploads
 * ({@link io.docqa.app.documents.UploadService}): zip expansion, the limit on files per request and the refusal of
 * a request whose every file is refused, with the same rules wherever the files come from.
 * Depends on: app, app.collections, corpus, ingest, answer.source, security.
 */
package io.docqa.app.documents;
