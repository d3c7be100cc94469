package io.docqa.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Answers generated through LangChain4j's OpenAI client, against a scripted OpenAI-compatible server over HTTP. */
@QuarkusTest
@TestProfile(LlmAnswerTest.WithOpenAiCompatibleServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class LlmAnswerTest {

    /** The server is shared by the test resource (which configures DocQA) and the test (which scripts it). */
    public static final ScriptedOpenAiServer SERVER = startServer();

    public static class WithOpenAiCompatibleServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ServerResource.class));
        }
    }

    public static class ServerResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("docqa.answer.llm.provider", "openai", "docqa.answer.llm.base-url", SERVER.baseUrl(),
                    "docqa.answer.llm.api-key", "test-key", "docqa.answer.llm.model", "scripted-model",
                    "docqa.answer.llm.timeout", "2s", "docqa.answer.llm.max-retries", "0");
        }

        @Override
        public void stop() {
            // the server lives as long as the test JVM
        }
    }

    private static ScriptedOpenAiServer startServer() {
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long collection;

    @BeforeEach
    void ingestFixtureOnce() {
        if (collection != 0) {
            return;
        }
        collection = Api.createCollection("LLM contracts");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
    }

    @BeforeEach
    void resetServer() {
        SERVER.reset();
    }

    @Test
    void the_model_receives_numbered_sources_and_its_cited_answer_is_returned() {
        SERVER.enqueue(Reply.of("Either party may terminate for convenience with ninety (90) days prior written notice [1]."));
        JsonPath answer = Api.ask("What notice is required to terminate for convenience?", List.of(collection))
                .then().statusCode(200).extract().jsonPath();

        assertEquals("llm", answer.getString("mode"));
        assertTrue(answer.getBoolean("grounded"));
        assertTrue(answer.getString("answer").endsWith("[1]."), answer.getString("answer"));
        assertEquals(1, answer.getInt("citations[0].n"));
        assertEquals("service-agreement.pdf", answer.getString("citations[0].documentName"));

        assertEquals(1, SERVER.requests().size());
        String request = SERVER.requests().get(0);
        assertTrue(request.contains("scripted-model"), "the configured model is used");
        assertTrue(request.contains("<source n=\\\"1\\\" document=\\\"service-agreement.pdf\\\""), request);
        assertTrue(request.contains("ninety (90) days"), "the retrieved passage is in the prompt");
        assertTrue(request.contains("What notice is required to terminate for convenience?"));
        assertTrue(request.contains("NOT_FOUND"), "the model is told how to say the sources do not answer");
    }

    @Test
    void a_citation_to_a_source_that_was_not_given_is_removed_and_the_answer_is_not_grounded() {
        SERVER.enqueue(Reply.of("Invoices are payable within 45 days [9]."));
        JsonPath answer = Api.ask("When are invoices payable?", List.of(collection)).then().statusCode(200)
                .extract().jsonPath();
        assertFalse(answer.getBoolean("grounded"));
        assertFalse(answer.getString("answer").contains("[9]"));
        assertTrue(answer.getString("notice").contains("[9]"), answer.getString("notice"));
        assertEquals(0, answer.getList("citations").size());
    }

    @Test
    void when_the_model_says_the_sources_do_not_answer_docqa_says_so() {
        SERVER.enqueue(Reply.of("NOT_FOUND"));
        JsonPath answer = Api.ask("Who is the CEO of Acme Corp and what does the agreement say about termination?",
                List.of(collection)).then().statusCode(200).extract().jsonPath();
        assertFalse(answer.getBoolean("grounded"));
        assertTrue(answer.getString("answer").contains("do not contain"));
    }

    @Test
    void a_model_that_times_out_gives_an_extractive_answer_with_a_notice() {
        SERVER.enqueue(new Reply("too late [1].", Duration.ofSeconds(6)));
        JsonPath answer = Api.ask("What interest applies to late payments?", List.of(collection))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("extractive", answer.getString("mode"));
        assertTrue(answer.getBoolean("grounded"));
        assertNotNull(answer.getString("notice"));
        assertTrue(answer.getString("notice").contains("language model could not answer"), answer.getString("notice"));
        assertTrue(answer.getString("answer").contains("one percent (1%) per month"), answer.getString("answer"));
    }

    @Test
    void questions_without_relevant_passages_do_not_reach_the_model() {
        JsonPath answer = Api.ask("What is the boiling point of mercury in Kelvin?", List.of(collection))
                .then().statusCode(200).extract().jsonPath();
        assertFalse(answer.getBoolean("grounded"));
        assertEquals(0, SERVER.requests().size());
    }
}
