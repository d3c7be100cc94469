package io.docqa.evaluate;

import java.util.List;

/**
 * A query and how its results are judged. {@code kind} groups results (golden-QA: {@code paraphrase},
 * {@code identifier}, {@code ordinary}, {@code unanswerable}; BEIR queries are all {@code ordinary}); {@code split}
 * is {@code dev}, {@code test} or null (not split).
 */
public record EvalQuery(String id, String text, Judgement judgement, String kind, String split) {

    public static final String ORDINARY = "ordinary";
    public static final String UNANSWERABLE = "unanswerable";

    public EvalQuery {
        kind = kind == null || kind.isBlank() ? (judgement.relevantCount() == 0 ? UNANSWERABLE : ORDINARY) : kind;
    }

    /** An unsplit query of kind {@code ordinary}. */
    public EvalQuery(String id, String text, Judgement judgement) {
        this(id, text, judgement, null, null);
    }

    /** True when the documents hold an answer (the judgement names at least one relevant item). */
    public boolean answerable() {
        return judgement.relevantCount() > 0;
    }

    /** Decides the gain of each retrieved passage, in rank order. */
    public interface Judgement {

        /**
         * Gains at each rank after removing passages of documents already counted (a document's best chunk
         * counts, once), cut to {@code depth} entries.
         */
        List<Integer> gains(List<RetrievedItem> ranked, int depth);

        /** Gains of the best possible ranking, best first (for nDCG). */
        List<Integer> idealGains();

        /** How many relevant items there are (for recall). */
        int relevantCount();
    }

    /** A retrieved passage as the harness sees it: the document's key and the passage text. */
    public record RetrievedItem(String documentKey, String text) {
    }
}
