package io.docqa.answer.extractive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.retrieve.core.RetrievedPassage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An extractive answer reads each sentence under its section's heading: in a FAQ or a manual the sentence that
 * answers often says what it is about only through that heading (the in-jar model, no database).
 */
class SectionContextAnswerTest {

    static final AnswerConfig ANSWERS = ExtractiveFixtures.answers(1);

    static RetrievedPassage passage(long id, String heading, String text) {
        return ExtractiveFixtures.passage("bashref.html", id, heading, text);
    }

    @Test
    void the_description_under_the_section_of_the_asked_command_is_cited_rather_than_a_passing_mention() {
        ExtractiveAnswerer answerer = new ExtractiveAnswerer(ExtractiveFixtures.IN_JAR_MODEL, ANSWERS);
        List<RetrievedPassage> passages = List.of(
                passage(1, "Bash Features › 6 Bash Features › 6.11 Bash POSIX Mode",
                        "Parsing command substitutions will behave as if extended glob is enabled, so that parsing a "
                                + "command substitution containing an extglob pattern does not fail."),
                passage(2, "Bash Features › 4 Shell Builtin Commands › 4.3 Modifying Shell Behavior › 4.3.2 The Shopt Builtin",
                        "extdebug\nIf set at shell invocation, arrange to execute the debugger profile before the shell starts."
                                + "\nextglob\nIf set, the extended pattern matching features described above are enabled."));

        Answer answer = answerer.answer("What does `shopt -s extglob` enable?", passages, null);

        assertTrue(!answer.abstained() && !answer.citations().isEmpty(), answer.answer());
        assertEquals(2, answer.citations().get(0).chunkId(), answer.answer());
        assertTrue(answer.answer().startsWith("If set, the extended pattern matching features"), answer.answer());
    }
}
