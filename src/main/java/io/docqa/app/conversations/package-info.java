/**
 * The caller's conversations as REST and the UI list, open and delete them
 * ({@link io.docqa.app.conversations.ConversationsService}); asking within one is {@code app.ask}.
 * Depends on: app, answer, security.
 */
package io.docqa.app.conversations;
