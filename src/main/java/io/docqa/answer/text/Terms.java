package io.docqa.answer.text;

import io.docqa.corpus.IndexFields;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/** Content words of a text, analysed like the BM25 index (stemmed, stop words removed). */
public final class Terms {

    private static final Analyzer ANALYZER = IndexFields.analyzer();

    private Terms() {
    }

    public static Set<String> of(String text) {
        return new LinkedHashSet<>(IndexFields.terms(ANALYZER, IndexFields.TEXT, text));
    }

    /** Share of {@code wanted} found in {@code present}; 0 when nothing is wanted. */
    public static double coverage(Set<String> wanted, Set<String> present) {
        if (wanted.isEmpty()) {
            return 0;
        }
        long found = wanted.stream().filter(present::contains).count();
        return (double) found / wanted.size();
    }
}
