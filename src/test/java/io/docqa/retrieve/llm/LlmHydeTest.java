package io.docqa.retrieve.llm;

import static io.docqa.answer.LlmAnswerTest.SERVER;
import static io.docqa.retrieve.llm.FacilitiesCorpus.IN_THE_DOCUMENTS_WORDS;
import static io.docqa.retrieve.llm.FacilitiesCorpus.QUESTION;
import static io.docqa.retrieve.llm.FacilitiesCorpus.SECRET;
import static io.docqa.retrieve.llm.FacilitiesCorpus.TARGET_DOCUMENT;
import static io.docqa.retrieve.llm.FacilitiesCorpus.answerCitingTarget;
import static io.docqa.retrieve.llm.FacilitiesCorpus.documentNames;
import static io.docqa.retrieve.llm.FacilitiesCorpus.isHyde;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.LlmAnswerTest;
import io.docqa.retrieve.HybridRetriever;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With {@code docqa.retrieve.llm.rewrite=hyde} (re-ranking off), each question first has the model write a passage
 * that would answer it; the passages nearest to that one are fused with the question's own ranking.
 */
@QuarkusTest
@TestProfile(LlmHydeTest.Hyde.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmHydeTest {

    /** The scripted model writing hypothetical passages, with a short timeout for retrieval's calls. */
    public static class Hyde extends LlmAnswerTest.WithOpenAiCompatibleServer {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.retrieve.llm.rewrite", "hyde", "docqa.retrieve.llm.timeout", "1s");
        }
    }

    @Inject
    HybridRetriever hybrid;

    private FacilitiesCorpus.Ids ids;

    @BeforeEach
    void ingestOnce() {
        SERVER.reset();
        SERVER.respondWith(body -> isHyde(body) ? IN_THE_DOCUMENTS_WORDS : answerCitingTarget(body));
        if (ids == null) {
            ids = FacilitiesCorpus.ingest("hyde " + System.nanoTime());
        }
    }

    private List<String> plain(int limit) {
        return FacilitiesCorpus.plain(hybrid, ids, limit);
    }

    @Test
    void a_hypothetical_passage_in_the_documents_words_brings_the_answer_into_the_first_five() {
        assertFalse(plain(5).contains(TARGET_DOCUMENT), "plain first five: " + plain(5));
        JsonPath search = FacilitiesCorpus.search(QUESTION, 5);
        assertTrue(documentNames(search).contains(TARGET_DOCUMENT), search.prettify() + "\nplain: " + plain(20));
        assertFalse(documentNames(FacilitiesCorpus.search(QUESTION, 20)).contains("director-memo.txt"));
        assertTrue(search.getDouble("timings.rewriteMs") > 0, search.prettify());
        assertEquals(0.0, search.getDouble("timings.rerankMs"), "re-ranking is off");

        JsonPath answer = FacilitiesCorpus.ask(QUESTION);
        assertEquals(TARGET_DOCUMENT, answer.getString("citations[0].documentName"), answer.prettify());
    }

    @Test
    void without_reranking_the_model_hears_the_question_and_sees_only_the_answers_sources() {
        FacilitiesCorpus.ask(QUESTION);
        assertEquals(2, SERVER.requests().size(), "the hypothetical passage, then the answer");
        assertTrue(isHyde(SERVER.requests().get(0)), SERVER.requests().get(0));
        assertFalse(SERVER.requests().get(0).contains("dog-walking-club"), "no passage goes with the question");
        assertTrue(SERVER.requests().stream().noneMatch(FacilitiesCorpus::isRerank));
        assertTrue(SERVER.requests().stream().noneMatch(b -> b.contains(SECRET)));
    }

    @Test
    void a_failing_or_slow_model_leaves_the_plain_order() {
        List<String> plain = plain(5);
        for (Reply fault : List.of(Reply.error(500), new Reply(IN_THE_DOCUMENTS_WORDS, Duration.ofSeconds(3)),
                Reply.of("  "))) {
            SERVER.enqueue(fault);
            assertEquals(plain, documentNames(FacilitiesCorpus.search(QUESTION, 5)), fault.toString());
        }
    }
}
