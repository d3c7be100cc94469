package io.docqa.retrieve.bm25;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.retrieve.bm25.Bm25Retriever.TermCounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which questions keep today's fusion weights (an anchor for exact words) and which lean on the dense ranking. */
class QuestionAnchorsTest {

    /** 1,000 passages; "script", "command" and "error" common, "disown" in three passages, "bail" in none. */
    private static final TermCounts COUNTS = new TermCounts(1000,
            Map.of("script", 120L, "command", 400L, "error", 60L, "disown", 3L, "bail", 0L, "right", 40L, "away", 25L));

    @Test
    void a_question_in_common_words_only_has_no_anchor() {
        assertFalse(QuestionAnchors.anchored("How do I make my script bail out right away when a command errors?",
                Set.of(), List.of("script", "bail", "right", "away", "command", "error"), COUNTS, 0.01));
    }

    @Test
    void a_word_few_passages_hold_anchors_the_question() {
        assertTrue(QuestionAnchors.anchored("What does disown do to a job?", Set.of(), List.of("disown", "job"), COUNTS, 0.01));
    }

    @Test
    void options_variables_paths_code_and_quotations_anchor_without_statistics() {
        for (String q : List.of("What does set -e do?", "What is $HISTSIZE for?", "What goes in /etc/apt/sources.list?",
                "What does `shopt -s extglob` enable?", "Where is \"hold\" explained?", "Which --login files are read?",
                "What is PROMPT_COMMAND?")) {
            assertTrue(QuestionAnchors.anchored(q, Set.of(), List.of(), COUNTS, 0.01), q);
        }
    }

    @Test
    void identifiers_anchor_the_question() {
        assertTrue(QuestionAnchors.anchored("What does section 4(b) say?", Set.of("section 4(b)", "4(b)"), List.of(), COUNTS, 0.01));
    }
}
