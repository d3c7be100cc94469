package io.docqa.retrieve.llm;

import static io.docqa.answer.LlmAnswerTest.SERVER;
import static io.docqa.retrieve.llm.FacilitiesCorpus.IN_THE_DOCUMENTS_WORDS;
import static io.docqa.retrieve.llm.FacilitiesCorpus.QUESTION;
import static io.docqa.retrieve.llm.FacilitiesCorpus.SECRET;
import static io.docqa.retrieve.llm.FacilitiesCorpus.TARGET_DOCUMENT;
import static io.docqa.retrieve.llm.FacilitiesCorpus.answerCitingTarget;
import static io.docqa.retrieve.llm.FacilitiesCorpus.documentNames;
import static io.docqa.retrieve.llm.FacilitiesCorpus.isMultiQuery;
import static io.docqa.retrieve.llm.FacilitiesCorpus.isRerank;
import static io.docqa.retrieve.llm.FacilitiesCorpus.targetCandidate;
import static io.restassured.RestAssured.given;
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
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With {@code docqa.retrieve.llm.rerank} and {@code rewrite=multi-query}, each question first asks the model for
 * phrasings in the documents' words, then shows it the candidates to re-rank, then has it answer. The passage that
 * answers the paraphrased question is outside the plain first five: re-ranking and a rewrite each bring it in; a
 * model that replies nonsense, fails or is too slow changes nothing but the time taken.
 */
@QuarkusTest
@TestProfile(LlmRerankAndRewriteTest.RerankAndMultiQuery.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmRerankAndRewriteTest {

    /** The scripted model, re-ranking, two rewrites per question, and a short timeout for retrieval's calls. */
    public static class RerankAndMultiQuery extends LlmAnswerTest.WithOpenAiCompatibleServer {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.retrieve.llm.rerank", "true", "docqa.retrieve.llm.rewrite", "multi-query",
                    "docqa.retrieve.llm.rewrite-queries", "2", "docqa.retrieve.llm.timeout", "1s");
        }
    }

    private static final String NO_REWRITES = "{\"queries\": []}";

    @Inject
    HybridRetriever hybrid;

    private FacilitiesCorpus.Ids ids;

    @BeforeEach
    void ingestOnce() {
        SERVER.reset();
        SERVER.respondWith(body -> "NOT_FOUND");
        if (ids == null) {
            ids = FacilitiesCorpus.ingest("rerank " + System.nanoTime());
        }
    }

    private List<String> plain(int limit) {
        return FacilitiesCorpus.plain(hybrid, ids, limit);
    }

    @Test
    void the_plain_ranking_has_the_answer_among_its_candidates_but_not_in_its_first_five() {
        assertFalse(plain(5).contains(TARGET_DOCUMENT), "plain first five: " + plain(5));
        assertTrue(plain(20).contains(TARGET_DOCUMENT), "plain first twenty: " + plain(20));
    }

    @Test
    void the_passage_the_model_names_comes_first_in_search() {
        SERVER.respondWith(model(NO_REWRITES, true));
        JsonPath search = FacilitiesCorpus.search(QUESTION, 5);
        assertEquals(TARGET_DOCUMENT, search.getString("results[0].documentName"), search.prettify());
        assertTrue(search.getDouble("timings.rerankMs") > 0, "the model's time is a stage: " + search.prettify());
        assertTrue(search.getDouble("timings.totalMs") >= search.getDouble("timings.rerankMs"));
        String rerank = SERVER.requests().stream().filter(FacilitiesCorpus::isRerank).findFirst().orElseThrow();
        int n = FacilitiesCorpus.HANDBOOK_PASSAGES; // fewer than the 20 candidates asked for
        assertTrue(rerank.contains("[" + n + "] Document: "), "every passage numbered: " + rerank);
        assertFalse(rerank.contains("[" + (n + 1) + "] Document: "), rerank);
        assertTrue(rerank.contains(QUESTION), rerank);
    }

    @Test
    void the_answer_cites_the_passage_the_model_ranked_first() {
        SERVER.respondWith(model(NO_REWRITES, true));
        JsonPath answer = FacilitiesCorpus.ask(QUESTION);
        assertEquals(TARGET_DOCUMENT, answer.getString("citations[0].documentName"), answer.prettify());
        assertEquals(3, SERVER.requests().size(), "rewrite, re-rank, answer");
    }

    @Test
    void a_rewrite_in_the_documents_words_brings_the_answer_into_the_first_five() {
        SERVER.respondWith(model("Here you go: {\"queries\": [\"" + IN_THE_DOCUMENTS_WORDS + "\"]}", false));
        JsonPath search = FacilitiesCorpus.search(QUESTION, 5);
        assertTrue(documentNames(search).contains(TARGET_DOCUMENT), search.prettify() + "\nplain: " + plain(20));
        assertTrue(search.getDouble("timings.rewriteMs") > 0, search.prettify());
        String rewrite = SERVER.requests().get(0);
        assertTrue(isMultiQuery(rewrite) && rewrite.contains("up to 2 alternative"), rewrite);

        JsonPath answer = FacilitiesCorpus.ask(QUESTION);
        assertEquals(TARGET_DOCUMENT, answer.getString("citations[0].documentName"), answer.prettify());
    }

    @Test
    void a_nonsense_reply_an_http_error_and_a_slow_reply_leave_the_plain_order_and_the_answer_arrives() {
        List<String> plain = plain(5);
        for (Reply fault : List.of(Reply.of("I think passage three, maybe."), Reply.error(500),
                new Reply("{\"relevant\": [1]}", Duration.ofSeconds(3)))) {
            SERVER.reset();
            SERVER.respondWith(model(NO_REWRITES, true));
            SERVER.enqueue(fault); // the rewrite
            SERVER.enqueue(fault); // the re-ranking
            assertEquals(plain, documentNames(FacilitiesCorpus.search(QUESTION, 5)), fault.toString());

            SERVER.enqueue(fault);
            SERVER.enqueue(fault);
            JsonPath answer = FacilitiesCorpus.ask(QUESTION);
            assertEquals("llm", answer.getString("mode"), answer.prettify());
            assertFalse(answer.getString("answer").isBlank(), answer.prettify());
            assertEquals(5, SERVER.requests().size(), fault + ": two retrieval calls per question, one answer");
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String step : List.of("rerank", "multi-query")) {
            for (String reason : List.of("unreadable", "error", "timeout")) {
                assertTrue(count(metrics, step, reason) >= 2, step + " " + reason + " counted:\n" + metrics.lines()
                        .filter(l -> l.startsWith("docqa_retrieve_llm")).toList());
            }
        }
    }

    @Test
    void only_passages_of_the_readers_collections_reach_the_model_and_rewrites_search_her_scope() {
        // the rewrite names the memo of the collection she cannot read
        String toTheMemo = "{\"queries\": [\"directors bring their dog to the office on Fridays " + SECRET + "\"]}";
        SERVER.respondWith(model(toTheMemo, true));
        JsonPath search = FacilitiesCorpus.search(QUESTION, 20);
        assertFalse(documentNames(search).contains("director-memo.txt"), search.prettify());
        JsonPath answer = FacilitiesCorpus.ask(QUESTION);
        assertEquals(TARGET_DOCUMENT, answer.getString("citations[0].documentName"), answer.prettify());
        assertEquals(5, SERVER.requests().size());
        for (String body : SERVER.requests()) {
            assertFalse(body.contains(SECRET), "no request shows the unreadable memo: " + body);
            assertFalse(body.contains("director-memo"), body);
        }
        assertTrue(SERVER.requests().stream().anyMatch(FacilitiesCorpus::isRerank));
    }

    /**
     * The scripted model: {@code rewrites} for a rewrite prompt; for a re-ranking prompt the target's number when
     * {@code namesTarget}, else an empty list; an answer citing the target's source otherwise.
     */
    private static Function<String, String> model(String rewrites, boolean namesTarget) {
        return body -> {
            if (isMultiQuery(body)) {
                return rewrites;
            }
            if (isRerank(body)) {
                int n = targetCandidate(body);
                return namesTarget && n > 0 ? "```json\n{\"relevant\": [" + n + ", " + n + ", 99, 0]}\n```" : "{\"relevant\": []}";
            }
            return answerCitingTarget(body);
        };
    }

    private static double count(String metrics, String step, String reason) {
        return metrics.lines().filter(l -> l.startsWith("docqa_retrieve_llm_fallbacks_total{")
                && l.contains("step=\"" + step + "\"") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
