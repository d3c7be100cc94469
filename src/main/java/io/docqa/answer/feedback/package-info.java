/**
 * Answers as they were given and their users' ratings, in PostgreSQL: what feedback, insights and golden sets built
 * from real questions read. Only the application services ({@code io.docqa.app.ask}, {@code io.docqa.app.feedback})
 * write here; they check who may see which answer.
 */
package io.docqa.answer.feedback;
