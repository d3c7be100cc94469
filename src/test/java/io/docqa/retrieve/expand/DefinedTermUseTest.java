package io.docqa.retrieve.expand;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a passage counts as using a defined term, so that its definition is added. */
class DefinedTermUseTest {

    @Test
    void a_term_is_used_as_a_whole_phrase_with_its_capitals() {
        assertTrue(PassageExpander.uses("shall not reveal Confidential Information to anyone", "Confidential Information"));
        assertTrue(PassageExpander.uses("(\"Products\") are delivered", "Products"));
        assertTrue(PassageExpander.uses("the Licensee's stores", "Licensee"));
    }

    @Test
    void parts_of_words_and_lower_case_words_do_not_count() {
        assertFalse(PassageExpander.uses("confidential information of the buyer", "Confidential Information"));
        assertFalse(PassageExpander.uses("ByProducts are excluded", "Products"));
        assertFalse(PassageExpander.uses("the Licensees jointly", "Licensee"));
    }
}
