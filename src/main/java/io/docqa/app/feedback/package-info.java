/**
 * Feedback that closes the loop: the asker of an answer rates it (up or down, why, which passages were right);
 * administrators list the ratings, see insights over the recorded answers, and turn chosen ratings into a golden-QA
 * dataset that an evaluation run reads. Recorded answers and feedback are kept as long as audit entries
 * ({@code docqa.security.audit.retention}).
 * Depends on: app, answer, corpus, ingest, security.
 */
package io.docqa.app.feedback;
