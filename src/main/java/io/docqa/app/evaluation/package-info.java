/**
 * Evaluation runs as REST and the admin UI start and follow them
 * ({@link io.docqa.app.evaluation.EvaluationRunService}), for administrators only.
 * Depends on: app, evaluate, security.
 */
package io.docqa.app.evaluation;
