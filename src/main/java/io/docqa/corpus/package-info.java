/**
 * The corpus: collections, documents and their chunks, the schema names and the Lucene field names.
 * Every other feature depends on this package; it depends on none of them.
 * Depends on: nothing in DocQA.
 */
package io.docqa.corpus;
