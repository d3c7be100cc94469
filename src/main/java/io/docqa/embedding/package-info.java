/**
 * The embedding model shared by ingestion (passages) and retrieval (queries), with each model's own
 * conventions for query and passage text. Like {@code corpus}, it depends on no feature package.
 * Depends on: cluster, corpus.
 */
package io.docqa.embedding;
