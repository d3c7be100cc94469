package io.docqa.evaluate;

import java.util.List;

/** A query and how its results are judged. */
public record EvalQuery(String id, String text, Judgement judgement) {

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
