package io.docqa.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.RelevanceGate.PassageSignals;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.answer.text.Terms;
import io.docqa.corpus.Chunk;
import io.docqa.retrieve.bm25.Bm25Retriever.TermCounts;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.named.DocumentMentions.Named;
import io.smallrye.config.SmallRyeConfigBuilder;
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

    /** A collection of 400 passages in which every word of {@code vocabulary} occurs in 40, and no other word. */
    private static TermCounts collection(String vocabulary) {
        Map<String, Long> df = new java.util.HashMap<>();
        Terms.of(vocabulary).forEach(t -> df.put(t, 40L));
        return new TermCounts(400, df);
    }

    /** Debian FAQ-like: packages and scripts, no snap, no printer, nobody bails out. */
    private static final TermCounts FAQ = collection(
            "install package Debian driver set make script right away when any command errors");

    @Test
    void a_question_whose_rare_key_word_the_collection_never_uses_is_flagged_and_a_long_paraphrase_is_not() {
        double snap = RelevanceGate.absentShare(Terms.of("install snap package Debian"), FAQ);
        assertTrue(snap > 0.4, "one absent word among few common ones: " + snap);
        double paraphrase = RelevanceGate.absentShare(Terms.of("make script bail right away when any command errors"),
                FAQ);
        assertTrue(paraphrase > 0 && paraphrase < snap, "one absent word among many: " + paraphrase);
        assertEquals(0, RelevanceGate.absentShare(Terms.of("install Debian package"), FAQ));
        assertEquals(0, RelevanceGate.absentShare(Set.of(), FAQ), "no key term: nothing absent");
    }

    @Test
    void when_key_words_are_absent_shared_words_alone_do_not_count_and_meaning_must_be_closer() {
        RelevanceGate gate = new RelevanceGate(DEFAULTS, null, null);
        PassageSignals wordsOnly = new PassageSignals(0.59, 0.75, 0.4, false, false); // "install … package" but no "snap"
        PassageSignals close = new PassageSignals(0.68, 0.2, 0.1, false, false);
        PassageSignals closer = new PassageSignals(0.72, 0.2, 0.1, false, false);
        PassageSignals pointer = new PassageSignals(0.40, 0.1, 0.1, true, false);
        assertTrue(gate.counts(wordsOnly, false) && gate.counts(close, false), "all key words occur somewhere");
        assertFalse(gate.counts(wordsOnly, true), "the words a near miss shares are no evidence on their own");
        assertFalse(gate.counts(close, true));
        assertTrue(gate.counts(closer, true), "an answerable paraphrase is still close in meaning");
        assertTrue(gate.counts(pointer, true), "what the question points at exactly still counts");
    }

    /** A passage of the Debian FAQ as retrieval ranked it: its place in BM25 and in the dense ranking (0: absent). */
    private static RetrievedPassage ranked(int bm25Rank, int vectorRank, double similarity) {
        String text = "just add the user to the group the device belongs to";
        return new RetrievedPassage(new Chunk(1, 1, 1, 0, text, null, null, null, 0, text.length()),
                "customizing.en.html", 0.5, bm25Rank, vectorRank, similarity);
    }

    /** The signals the gate reads from {@code p}, with the default agreement rank, and the key words absent. */
    private static boolean countsWithAbsentWords(RetrievedPassage p, double coverage) {
        PassageSignals s = new PassageSignals(p.similarity(), coverage, 0.2, false,
                RelevanceGate.agreed(p, DEFAULTS.absentTermAgreementRank()));
        return new RelevanceGate(DEFAULTS, null, null).counts(s, true);
    }

    @Test
    void a_paraphrase_whose_answer_both_rankings_put_first_is_answered_though_its_words_are_absent() {
        // "How can I let an ordinary account use the optical drive without loosening the permissions on the device
        // node?": "ordinary", "loosen" and "node" occur nowhere in the FAQ; its answer is first in the dense ranking
        // and in BM25, at cosine 0.672 (signals of the development half)
        assertTrue(countsWithAbsentWords(ranked(1, 1, 0.672), 0.43));
        // "Because my product uses Apache 2.0 code, can I put the project's logo and brand name on the box?"
        assertTrue(countsWithAbsentWords(ranked(5, 1, 0.687), 0.20));
    }

    @Test
    void a_question_about_an_uncovered_topic_is_still_refused_when_the_rankings_disagree() {
        // "How do I resize a disk partition without losing my data?": dense first at 0.652, BM25 only 25th
        assertFalse(countsWithAbsentWords(ranked(25, 1, 0.652), 0.40));
        // "How do I roll the whole system back ... before a failed upgrade?": BM25 first, dense second, 0.632
        assertFalse(countsWithAbsentWords(ranked(1, 2, 0.632), 0.45));
        // "What is the process, and what does it cost, to apply for a patent on a software invention?"
        assertFalse(countsWithAbsentWords(ranked(14, 1, 0.657), 0.38));
        // both agree, yet too far in meaning for the usual floor
        assertFalse(countsWithAbsentWords(ranked(1, 1, 0.60), 0.30));
    }

    /** The defaults of {@link AnswerConfig}, as a start without settings reads them. */
    private static final AnswerConfig DEFAULTS = new SmallRyeConfigBuilder().withMapping(AnswerConfig.class).build()
            .getConfigMapping(AnswerConfig.class);
}
