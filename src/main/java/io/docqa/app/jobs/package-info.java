/**
 * Ingestion work and its administration, written once for every adapter: the jobs and upload batches a caller may
 * see, cancelling a batch, the pipelines a collection can choose, and the administrator's index rebuild and
 * embedding cache.
 * Depends on: app, app.collections, corpus, ingest, security.
 */
package io.docqa.app.jobs;
