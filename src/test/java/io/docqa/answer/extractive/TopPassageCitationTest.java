package io.docqa.answer.extractive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.retrieve.core.RetrievedPassage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An extractive answer cites the passage retrieval ranked first for the question, not only the sentences that share
 * the most words with it (a licence's preamble talks about "your rights" everywhere; the operative clause is in the
 * section retrieval found) (the in-jar model, no database).
 */
class TopPassageCitationTest {

    static final AnswerConfig TWO_SENTENCES = ExtractiveFixtures.answers(2);

    static RetrievedPassage passage(long id, String heading, String text) {
        return ExtractiveFixtures.passage("GPL-3.txt", id, heading, text);
    }

    static final RetrievedPassage TERMINATION = passage(1, "8. Termination.",
            "You may not propagate or modify a covered work except as expressly provided under this License. Any "
                    + "attempt otherwise to propagate or modify it is void, and will automatically terminate your rights "
                    + "under this License (including any patent licenses granted under the third paragraph of section 11).");
    static final RetrievedPassage PREAMBLE = passage(2, "Preamble",
            "When we speak of free software, we are referring to freedom, not price. Our General Public Licenses are "
                    + "designed to make sure that you have the freedom to distribute copies of free software (and charge "
                    + "for them if you wish), that you receive source code or can get it if you want it, that you can "
                    + "change the software or use pieces of it in new free programs, and that you know you can do these "
                    + "things. To protect your rights, we need to prevent others from denying you these rights or asking "
                    + "you to surrender the rights. Therefore, you have certain responsibilities if you distribute copies "
                    + "of the software, or if you modify it: responsibilities to respect the freedom of others.");

    @Test
    void a_question_about_losing_the_licence_cites_the_termination_clause_retrieval_ranked_first() {
        Answer answer = new ExtractiveAnswerer(ExtractiveFixtures.IN_JAR_MODEL, TWO_SENTENCES)
                .answer("If I modify and distribute the software against the licence, do I lose my rights?",
                        List.of(TERMINATION, PREAMBLE), null);

        assertTrue(!answer.abstained(), answer.answer());
        assertTrue(answer.citations().stream().anyMatch(c -> c.chunkId() == 1
                        && c.quote().contains("will automatically terminate your rights")), answer.answer());
    }
}
