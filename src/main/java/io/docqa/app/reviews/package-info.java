/**
 * Review tables as use cases, written once for REST and the UI: create a review (documents of a collection × columns
 * or a template), follow its progress, page through its rows, override / verify / flag / comment / rate a cell, add
 * columns and documents (only the new cells are computed), re-run a column, a row or the failed cells, cancel a run,
 * export XLSX or CSV, and manage column templates. A review belongs to its collection's permissions: readers of the
 * collection see it (and only the rows of documents they can read), editors of the collection create and run it.
 * Every run and export is audited.
 * Depends on: app, corpus, review, security.
 */
package io.docqa.app.reviews;
