package io.docqa.review.cell;

/**
 * One question asked of every document of a review: {@code key} identifies the column within its review (stable,
 * URL-safe), {@code name} is its header, {@code instructions} optional guidance for the answer (null when none).
 */
public record ReviewColumn(String key, String name, String question, AnswerType type, String instructions) {
}
