/**
 * The Vaadin Flow UI: sign-in, the Ask view (answers with clickable citations) and the Documents view
 * (collections, uploads, ingestion status). Views call the feature services directly.
 */
package io.docqa.ui;
