/**
 * Asking and searching, written once for REST and the UI: {@link io.docqa.app.ask.AskService} (blocking or
 * streamed answers, within a conversation or not), {@link io.docqa.app.ask.SearchService} and
 * {@link io.docqa.app.ask.SourceService} (a cited source opened in context). Both ask and search count against the
 * caller's rate limit, look only into the collections the caller may read now, and are audited with what retrieval
 * returned, in one place ({@code QueryRules}).
 * Depends on: app, answer, retrieve, corpus, security.
 */
package io.docqa.app.ask;
