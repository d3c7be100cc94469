package io.docqa.evaluate;

/** One retriever's scores over a dataset's queries (means), and its latency per query in milliseconds. */
public record RetrieverResult(String retriever, int queries, double ndcg10, double recall5, double recall10,
        double recall100, double mrr10, double p50Ms, double p95Ms) {
}
