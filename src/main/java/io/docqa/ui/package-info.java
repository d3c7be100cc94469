/**
 * The Vaadin Flow UI: sign-in, the shared layout, and views by feature (ask, documents, reviews, account, admin). Like
 * the REST API it is a thin adapter: views call the application services ({@code io.docqa.app}) and show their
 * refusals ({@link io.docqa.ui.Refusals}); other features appear only as value types.
 * Depends on: answer, app, corpus, evaluate, ingest, review, security.
 */
package io.docqa.ui;
