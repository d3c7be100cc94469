package io.docqa.retrieve.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import io.docqa.corpus.Chunk;
import io.docqa.retrieve.core.RetrievedPassage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What retrieval reads from the model's replies, and what it shows the model. */
class RetrievalPromptsTest {

    @Test
    void a_ranking_reply_keeps_the_models_order_and_drops_numbers_out_of_range_and_repeats() {
        assertEquals(Optional.of(List.of(3, 1)), RetrievalPrompts.rankedNumbers("{\"relevant\": [3, 1, 3, 0, 9]}", 5));
        assertEquals(Optional.of(List.of(2, 4)), RetrievalPrompts.rankedNumbers(
                "Sure! Passages [2] and [4] help.\n```json\n{\"relevant\": [2, \"4\", 2.5, \"x\"]}\n```\nHope it helps.", 5));
        assertEquals(Optional.of(List.of(5)), RetrievalPrompts.rankedNumbers("[5, 6]", 5), "a bare list");
        assertEquals(Optional.of(List.of()), RetrievalPrompts.rankedNumbers("{\"relevant\": []}", 5), "names none");
    }

    @Test
    void a_reply_without_a_readable_list_changes_nothing() {
        for (String reply : new String[] {"", "I think passage three, maybe.", "{\"relevant\": 3}", "{\"relevant\": [1,",
                null}) {
            assertEquals(Optional.empty(), RetrievalPrompts.rankedNumbers(reply, 5), String.valueOf(reply));
        }
    }

    @Test
    void rewrites_are_distinct_other_than_the_question_and_at_most_as_many_as_asked() {
        assertEquals(Optional.of(List.of("animals on premises", "pets policy")), RetrievalPrompts.queries(
                "{\"queries\": [\"Can I bring my dog?\", \"animals on premises\", \"Animals on premises!\", \"\", 7,"
                        + " \"pets policy\", \"fourth\"]}", "can I bring my dog", 2));
        assertEquals(Optional.empty(), RetrievalPrompts.queries("queries: animals, pets", "q", 3));
        assertEquals(Optional.empty(), RetrievalPrompts.hypothetical("  \n"));
        assertTrue(RetrievalPrompts.hypothetical("x".repeat(5000)).orElseThrow().length() <= 2002);
    }

    @Test
    void the_ranking_prompt_numbers_each_passage_with_its_document_and_section_and_trims_long_ones() {
        Chunk longOne = new Chunk(7, 1, 1, 0, "word ".repeat(400), "Facilities > Animals", null, null, 0, 2000);
        Chunk shortOne = new Chunk(8, 2, 1, 0, "Parking for staff.", null, null, null, 0, 18);
        String prompt = ((UserMessage) RetrievalPrompts.rerank("Can I bring my dog?", List.of(
                new RetrievedPassage(longOne, "handbook.txt", 1, 1, 1, 0.5),
                new RetrievedPassage(shortOne, "parking.txt", 1, 2, 2, 0.4))).get(1)).singleText();
        assertTrue(prompt.contains("[1] Document: handbook.txt | Section: Facilities > Animals\n"), prompt);
        assertTrue(prompt.contains("[2] Document: parking.txt\nParking for staff."), prompt);
        assertTrue(prompt.contains("Question: Can I bring my dog?"), prompt);
        assertFalse(prompt.contains("word ".repeat(150)), "trimmed to about " + RetrievalPrompts.PASSAGE_CHARS);
    }
}
