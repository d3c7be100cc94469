/**
 * Collection use cases, written once for REST and the UI: create a collection (name, pipeline, fusion weights and
 * language checked alike everywhere), list and read the collections a caller may see, change a collection's
 * pipeline or weights. {@link io.docqa.app.collections.CollectionAccess} turns the access policy's verdicts into
 * refusals every adapter reports its own way.
 * Depends on: app, corpus, ingest, retrieve (configuration), security.
 */
package io.docqa.app.collections;
