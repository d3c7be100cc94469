package io.docqa.retrieve.bm25;

import io.docqa.retrieve.bm25.Bm25Retriever.TermCounts;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a question holds something only exact words can find: an identifier (clause number, acronym), an option
 * or variable ({@code -e}, {@code $HOME}, {@code shopt -s extglob} in backquotes), a file name or path, quoted text,
 * or a word that few passages of the searched scope contain. A question without any ("How do I keep a job running
 * after I log out?") is in the user's own words: BM25 then matches whatever common words it shares with the text,
 * and the dense ranking is the one that can bridge the paraphrase. Decided from the question's text and the scope's
 * term statistics alone.
 */
public final class QuestionAnchors {

    /** Code, options, variables, paths and quotations, as typed: {@code `set -e`}, {@code --login}, {@code $PATH}, {@code /etc/apt}, {@code "hold"}. */
    private static final Pattern VERBATIM = Pattern.compile(
            "`[^`]+`|(?<![\\p{L}\\d])--?\\p{L}|\\$\\{?\\p{L}|\\p{L}_\\p{L}|[\\p{L}\\d]/[\\p{L}\\d]|/\\p{L}|\\p{L}\\.\\p{L}{2,}"
                    + "|[\"“”„][^\"“”„]+[\"“”„]");

    private QuestionAnchors() {
    }

    /**
     * True when the question has an anchor: identifier terms ({@code identifiers}, as {@code IndexFields.IDENT}
     * analyses them), verbatim code, options, paths or quotations, or one of its analysed words ({@code terms})
     * present in the scope but in at most {@code rareShare} of its passages (at least one passage).
     */
    public static boolean anchored(String text, Set<String> identifiers, List<String> terms, TermCounts counts,
            double rareShare) {
        if (!identifiers.isEmpty() || VERBATIM.matcher(text).find()) {
            return true;
        }
        long rare = Math.max(1, (long) Math.floor(rareShare * counts.passages()));
        return terms.stream().anyMatch(t -> {
            long df = counts.docFreq().getOrDefault(t, 0L);
            return df > 0 && df <= rare;
        });
    }

    /** Whether the text holds verbatim code, an option, a variable, a path or a quotation (no statistics needed). */
    static boolean verbatim(String text) {
        return VERBATIM.matcher(text).find();
    }
}
