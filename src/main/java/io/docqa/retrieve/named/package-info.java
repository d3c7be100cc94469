/**
 * Documents a question names: "under GPLv3", "in the Mozilla Public License 2.0", "the Acme MSA". Retrieval prefers
 * the named documents, and a named version that no document has is reported so the answer can say so.
 */
package io.docqa.retrieve.named;
