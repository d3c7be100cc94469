package io.docqa.answer.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The heuristic used without a language model. */
class QueryRewriterTest {

    @Test
    void a_short_follow_up_gets_the_key_words_of_the_previous_question() {
        assertEquals("and what about termination? (notice period lease)",
                QueryRewriter.heuristic("and what about termination?", "What is the notice period of the lease?"));
    }

    @Test
    void a_follow_up_with_a_pronoun_gets_the_missing_key_words() {
        assertEquals("Can employees carry them over into the next calendar year? (vacation days full-time)",
                QueryRewriter.heuristic("Can employees carry them over into the next calendar year?",
                        "How many vacation days do full-time employees get?"));
    }

    @Test
    void a_question_that_stands_alone_is_left_as_it_is() {
        String q = "Which law governs the Master Services Agreement between Acme and Globex?";
        assertEquals(q, QueryRewriter.heuristic(q, "How many vacation days do full-time employees get?"));
    }
}
