package io.docqa.answer.extractive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.model.Answer;
import io.docqa.retrieve.core.RetrievedPassage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An extractive answer's first sentence is the one that says something about the question, not one that merely
 * shares its words: a pointer elsewhere, an aside in parentheses or a bare command yields to the statement (the in-jar
 * model, no database).
 */
class OperativeSentenceTest {

    static RetrievedPassage faq(long id, String heading, String text) {
        return ExtractiveFixtures.passage("software.en.html", id, heading, text);
    }

    @Test
    void a_pointer_to_other_documentation_does_not_come_first() {
        RetrievedPassage java = faq(1, "Chapter 5. Software › 5.7. (How) Does Debian support Java?",
                "Please refer to the Debian Java FAQ for more information.\n"
                        + "You can write, debug and run Java programs using Debian.");

        Answer answer = new ExtractiveAnswerer(ExtractiveFixtures.IN_JAR_MODEL, ExtractiveFixtures.answers(1))
                .answer("Does Debian support Java?", List.of(java), null);

        assertTrue(answer.answer().startsWith("You can write, debug and run Java programs"), answer.answer());
    }

    @Test
    void a_sentence_introducing_a_command_is_cited_together_with_the_command() {
        RetrievedPassage kernel = faq(1, "Chapter 10. Debian and the kernel › 10.4. Can I safely de-install an old kernel package?",
                "Yes. Therefore you can remove unwanted kernel image packages using this command:\n"
                        + "dpkg --purge linux-image-NNN\n"
                        + "(replace NNN with your kernel version and revision number, of course)");

        Answer answer = new ExtractiveAnswerer(ExtractiveFixtures.IN_JAR_MODEL, ExtractiveFixtures.answers(1))
                .answer("My /boot is full of old kernels. Can I get rid of them?", List.of(kernel), null);

        assertEquals(1, answer.citations().size(), answer.answer());
        assertEquals("Therefore you can remove unwanted kernel image packages using this command:\n"
                + "dpkg --purge linux-image-NNN", answer.citations().get(0).quote(), answer.answer());
    }
}
