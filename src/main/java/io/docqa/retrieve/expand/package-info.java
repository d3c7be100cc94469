/**
 * After retrieval: adds definitions of defined terms, cited clauses and neighbouring chunks to the retrieved
 * passages, each marked with why it was added.
 */
package io.docqa.retrieve.expand;
