package io.docqa.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.text.Terms;
import io.docqa.retrieve.bm25.Bm25Retriever.TermCounts;
import io.docqa.retrieve.named.DocumentMentions.Named;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Key-term coverage, the relevance gate's word signal: the question's words weighted by their rarity among the
 * passages searched, so a passage that repeats the common words of a near miss ("licence", "software") but lacks the
 * rare one it asks about ("subscription") covers little of it.
 */
class KeyTermCoverageTest {

    /** 300 passages: "licens" and "softwar" in most, "cost" in a few, "subscript" and "annual" in none. */
    private static final TermCounts COUNTS = new TermCounts(300, Map.ofEntries(Map.entry("licens", 230L),
            Map.entry("softwar", 90L), Map.entry("cost", 15L), Map.entry("subscript", 0L), Map.entry("annual", 0L),
            Map.entry("enterpris", 0L), Map.entry("much", 0L), Map.entry("support", 8L), Map.entry("how", 23L),
            Map.entry("doe", 49L), Map.entry("gpl", 11L)));

    @Test
    void a_passage_with_only_the_common_words_of_a_near_miss_covers_little_of_its_key_terms() {
        Set<String> question = Terms.of("How much does an annual enterprise support subscription for GPL software cost?");
        Set<String> passage = Terms.of("This licence applies to software distributed under the GPL; how you do it is up to you.");
        double plain = Terms.coverage(question, passage);
        double key = RelevanceGate.keyCoverage(question, passage, COUNTS);
        assertTrue(key < 0.2, "key coverage " + key);
        assertTrue(key < plain, "rare words weigh more than common ones: " + key + " < " + plain);
    }

    @Test
    void a_passage_holding_the_rare_words_covers_most_of_the_question() {
        Set<String> question = Terms.of("How much does an annual support subscription cost?");
        Set<String> passage = Terms.of("An annual subscription for support costs much less than you think.");
        assertTrue(RelevanceGate.keyCoverage(question, passage, COUNTS) > 0.8);
        assertEquals(1, RelevanceGate.keyCoverage(Set.of(), passage, COUNTS), "no key term: nothing to lack");
    }

    @Test
    void the_words_naming_the_documents_and_the_question_words_are_not_key_terms() {
        Named gpl = new Named(Set.of(7L), List.of(), "How much does an annual support subscription for cost?", Set.of());
        Set<String> key = RelevanceGate.keyTerms("How much does an annual support subscription for GPLv3 cost?", gpl);
        assertEquals(Terms.of("much annual support subscription cost"), key);
        assertEquals(Terms.of("GPLv3 licence cost"),
                RelevanceGate.keyTerms("How does GPLv3 licence cost?", Named.NONE), "nothing named: only question words go");
    }
}
