/**
 * Use cases of personal API tokens: each user creates, lists and revokes their own
 * ({@link io.docqa.app.tokens.TokenService}), through REST or the tokens view alike.
 * Depends on: app, security.
 */
package io.docqa.app.tokens;
