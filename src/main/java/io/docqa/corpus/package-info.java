/**
 * The corpus: collections, documents and their chunks, the schema names and the Lucene field names.
 * Every other feature depends on this package; it depends on none of them, only on the shared database access and the cluster locks.
 * Depends on: cluster, db.
 */
package io.docqa.corpus;
