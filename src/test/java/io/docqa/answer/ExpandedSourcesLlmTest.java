package io.docqa.answer;

import static io.docqa.answer.LlmAnswerTest.SERVER;
import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Answers about a contract clause get the definitions of the terms it uses and the clauses it cites as numbered
 * sources: the model sees them in its prompt and may cite them; the citation says why the passage was added.
 */
@QuarkusTest
@TestProfile(ExpandedSourcesLlmTest.OneRetrievedSource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpandedSourcesLlmTest {

    /** The scripted model, and one retrieved source per question: whatever else the model sees was added. */
    public static class OneRetrievedSource extends LlmAnswerTest.WithOpenAiCompatibleServer {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docqa.answer.sources", "1");
        }
    }

    private static final Pattern SOURCE = Pattern.compile("<source n=\\\\\"(\\d+)\\\\\"");

    private long collection;

    @BeforeEach
    void ingestOnce() {
        SERVER.reset();
        if (collection != 0) {
            return;
        }
        collection = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "expanded sources", "pipeline", "contracts"))
                .post("/api/collections").then().statusCode(201).extract().jsonPath().getLong("id");
        long id = Api.upload(collection, "licence-agreement.txt").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
    }

    @Test
    void a_clause_using_a_defined_term_brings_the_definition_as_a_citable_source() {
        String question = "May the recipient reveal it to a third party?";
        int n = sourceHolding(question, "non-public technical and business information");
        assertTrue(n > 1, "added after the retrieved clause");
        SERVER.enqueue(Reply.of("Confidential Information means all non-public technical and business information"
                + " disclosed by one party to the other [" + n + "]."));
        JsonPath answer = Api.ask(question, List.of(collection)).then().statusCode(200).extract().jsonPath();
        assertEquals(n, answer.getInt("citations[0].n"), answer.prettify());
        assertEquals("definition of \"Confidential Information\"", answer.getString("citations[0].addedFor"));
        assertTrue(answer.getBoolean("grounded"), "the added source verifies the sentence: " + answer.prettify());
    }

    @Test
    void a_clause_citing_a_schedule_brings_the_schedule_as_a_citable_source() {
        String question = "How is helpdesk assistance provided?";
        int n = sourceHolding(question, "Priority one incidents are answered within two hours");
        assertTrue(n > 1, "added after the retrieved clause");
        SERVER.enqueue(Reply.of("Priority one incidents are answered within two hours [" + n + "]."));
        JsonPath answer = Api.ask(question, List.of(collection)).then().statusCode(200).extract().jsonPath();
        assertEquals(n, answer.getInt("citations[0].n"), answer.prettify());
        assertTrue(answer.getString("citations[0].addedFor").contains("Schedule 2"), answer.prettify());
    }

    /** Asks once and returns the number of the source in the model's prompt that holds the text. */
    private int sourceHolding(String question, String text) {
        SERVER.enqueue(Reply.of("NOT_FOUND"));
        Api.ask(question, List.of(collection)).then().statusCode(200);
        String request = SERVER.requests().get(SERVER.requests().size() - 1);
        int at = request.indexOf(text);
        assertTrue(at >= 0, "the added passage is in the prompt: " + request);
        int n = -1;
        for (Matcher m = SOURCE.matcher(request); m.find() && m.start() < at;) {
            n = Integer.parseInt(m.group(1));
        }
        assertTrue(n > 0, request);
        SERVER.reset();
        return n;
    }
}
