package io.docqa.evaluate;

import java.util.Map;

/**
 * One retriever's scores over a dataset's answerable queries (means), its latency per query in milliseconds, and
 * the same scores per question kind ({@code byKind}, golden-QA kinds such as {@code paraphrase}).
 */
public record RetrieverResult(String retriever, int queries, double ndcg10, double recall5, double recall10,
        double recall100, double mrr10, double p50Ms, double p95Ms, Map<String, KindScore> byKind) {

    public RetrieverResult {
        byKind = byKind == null ? Map.of() : Map.copyOf(byKind);
    }

    /** Recall@5, Recall@10 and MRR@10 over the queries of one kind. */
    public record KindScore(int queries, double recall5, double recall10, double mrr10) {
    }
}
