package io.docqa.retrieve.core;

/**
 * Where the time of one hybrid retrieval went, in milliseconds. With parallel stages the query embedding and vector
 * search overlap BM25, so the parts can add up to more than the total; each part is at most the total.
 */
public record StageTimings(double embedMs, double bm25Ms, double vectorMs, double fusionMs, double loadMs, double totalMs) {
}
