package io.docqa.evaluate;

import io.docqa.evaluate.EvalQuery.RetrievedItem;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.RetrieverKind;
import io.docqa.retrieve.SelectableRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Runs one retriever on every answerable query of a dataset and scores the rankings: nDCG@10, Recall@5/10/100,
 * MRR@10 and latency, overall and per question kind. Unanswerable questions have nothing to find and are left to
 * {@link AnswerEvaluation}.
 */
@ApplicationScoped
public class RetrievalEvaluation {

    /** Passages retrieved per query: enough for Recall@100. */
    static final int DEPTH = 100;

    private final SelectableRetriever retriever;

    public RetrievalEvaluation(SelectableRetriever retriever) {
        this.retriever = retriever;
    }

    public RetrieverResult evaluate(EvalDataset dataset, RetrieverKind kind, long collectionId,
            Map<Long, String> keyByDocument, IntConsumer progress) {
        AccessScope scope = AccessScope.of(List.of(collectionId));
        List<EvalQuery> judged = dataset.queries().stream().filter(EvalQuery::answerable).toList();
        if (!judged.isEmpty()) { // warm-up outside the measurement: first-use costs are not per-query
            retriever.retrieve(kind, scope, new RetrievalQuery(judged.get(0).text(), DEPTH));
        }
        Map<String, double[]> perKind = new TreeMap<>(); // kind → queries, R@5, R@10, MRR@10 sums
        double ndcg = 0;
        double r5 = 0;
        double r10 = 0;
        double r100 = 0;
        double mrr = 0;
        List<Double> latencies = new ArrayList<>();
        int n = 0;
        for (EvalQuery q : judged) {
            long t0 = System.nanoTime();
            List<RetrievedPassage> passages = retriever.retrieve(kind, scope, new RetrievalQuery(q.text(), DEPTH)).passages();
            latencies.add((System.nanoTime() - t0) / 1e6);
            List<RetrievedItem> items = passages.stream()
                    .map(p -> new RetrievedItem(keyByDocument.getOrDefault(p.chunk().documentId(),
                            keyOf(dataset, p.documentName())), p.chunk().text()))
                    .toList();
            List<Integer> gains = q.judgement().gains(items, DEPTH);
            ndcg += Metrics.ndcgAt(10, gains, q.judgement().idealGains());
            r5 += Metrics.recallAt(5, gains, q.judgement().relevantCount());
            r10 += Metrics.recallAt(10, gains, q.judgement().relevantCount());
            r100 += Metrics.recallAt(100, gains, q.judgement().relevantCount());
            mrr += Metrics.mrrAt(10, gains);
            double[] k = perKind.computeIfAbsent(q.kind(), x -> new double[4]);
            k[0]++;
            k[1] += Metrics.recallAt(5, gains, q.judgement().relevantCount());
            k[2] += Metrics.recallAt(10, gains, q.judgement().relevantCount());
            k[3] += Metrics.mrrAt(10, gains);
            n++;
            if (n % 25 == 0) {
                progress.accept(n);
            }
        }
        int d = Math.max(1, n);
        Map<String, RetrieverResult.KindScore> byKind = new TreeMap<>();
        perKind.forEach((name, k) -> byKind.put(name, new RetrieverResult.KindScore((int) k[0], round(k[1] / k[0]),
                round(k[2] / k[0]), round(k[3] / k[0]))));
        return new RetrieverResult(kind.id(), n, round(ndcg / d), round(r5 / d), round(r10 / d), round(r100 / d),
                round(mrr / d), round(Metrics.percentile(latencies, 50)), round(Metrics.percentile(latencies, 95)), byKind);
    }

    static String keyOf(EvalDataset dataset, String documentName) {
        if (dataset.format() == EvalDataset.Format.BEIR && documentName.endsWith(DatasetLoader.BEIR_SUFFIX)) {
            return documentName.substring(0, documentName.length() - DatasetLoader.BEIR_SUFFIX.length());
        }
        return documentName;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
