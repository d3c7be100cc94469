package io.docqa.api;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.LlmAnswerTest;
import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Insights over recorded answers through REST, with generated answers (the scripted OpenAI-compatible server): the
 * share of answer sentences their sources did not support, CSV exports of insights and ratings with spreadsheet
 * formulas neutralised, and the answer id of each turn of a conversation's history. Same application start as
 * {@link LlmAnswerTest}.
 */
@QuarkusTest
@TestProfile(LlmAnswerTest.WithOpenAiCompatibleServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsTest {

    private static final ScriptedOpenAiServer SERVER = LlmAnswerTest.SERVER;
    private static final String TERMINATION = "What notice is required to terminate the Agreement for convenience?";
    private static final String SUPPORTED = "Either party may terminate this Agreement for convenience by giving ninety"
            + " (90) days prior written notice to the other party [1].";
    private static final String UNSUPPORTED = "Globex also receives exclusive ownership of every Acme patent worldwide [1].";

    private long collection;

    @BeforeEach
    void ingestOnce() {
        SERVER.reset();
        if (collection != 0) {
            return;
        }
        collection = Api.createCollection("Insights contracts");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        // the first call of the language-model client after start is the slow one (connection, classes): made here
        // once, before the answers whose sentences are counted (the tests over this collection compare CSV and JSON
        // of the moment, so one more answer here changes nothing they check)
        SERVER.enqueue(Reply.of(SUPPORTED));
        Api.ask(TERMINATION, List.of(collection)).then().statusCode(200);
        SERVER.reset();
    }

    private JsonPath insights(long collectionId) {
        return asAdmin().accept(ContentType.JSON).queryParam("collectionId", collectionId).get("/api/insights").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void insights_report_the_share_of_answer_sentences_their_sources_did_not_support() {
        long scoped = Api.createCollection("Insights: unsupported share");
        long id = Api.upload(scoped, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        JsonPath before = insights(scoped);
        assertEquals(0, before.getLong("sentencesChecked"));
        assertEquals(0.0, before.getDouble("unsupportedSentenceShare"));

        SERVER.enqueue(Reply.of(SUPPORTED + " " + UNSUPPORTED));
        JsonPath mixed = Api.ask(TERMINATION, List.of(scoped)).then().statusCode(200).extract().jsonPath();
        assertFalse(mixed.getBoolean("sentences[1].supported"), mixed.prettify());
        SERVER.enqueue(Reply.of(SUPPORTED));
        JsonPath clean = Api.ask(TERMINATION, List.of(scoped)).then().statusCode(200).extract().jsonPath();
        assertTrue(clean.getBoolean("sentences[0].supported"), clean.prettify());

        JsonPath after = insights(scoped);
        assertEquals(2, after.getLong("questions"));
        assertEquals(3, after.getLong("sentencesChecked"), after.prettify());
        assertEquals(1.0 / 3, after.getDouble("unsupportedSentenceShare"), 1e-6, after.prettify());
        // the shape administrators' scripts read is unchanged, extended only
        assertNotNull(after.get("questionsPerDay[0].day"));
        assertEquals(2, after.getLong("questionsPerDay[0].questions"));
        assertEquals(0, after.getLong("questionsPerDay[0].abstained"));
        for (String field : List.of("abstentionRate", "negativeFeedbackRate", "latencyP50Ms", "latencyP95Ms",
                "latencyP99Ms", "ratedAnswers", "notFound", "negativeAnswers", "from", "to")) {
            assertNotNull(after.get(field), field + " in " + after.prettify());
        }
        assertTrue(after.getDouble("latencyP99Ms") >= after.getDouble("latencyP50Ms"));
        // other collections' answers are not counted
        assertEquals(0, insights(987654321L).getLong("sentencesChecked"));
    }

    @Test
    void insights_and_ratings_export_as_csv_with_spreadsheet_formulas_neutralised() {
        SERVER.enqueue(Reply.of(SUPPORTED + " " + UNSUPPORTED));
        long answerId = Api.ask(TERMINATION, List.of(collection)).then().statusCode(200).extract().jsonPath()
                .getLong("answerId");
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        asAdmin().contentType(ContentType.JSON).body(Map.of("rating", "down", "reason", "wrong", "comment", formula))
                .post("/api/answers/" + answerId + "/feedback").then().statusCode(201);

        // other tests of this class ask over the same collection: the CSV is compared with the JSON of the moment
        String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        String to = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        JsonPath json = asAdmin().accept(ContentType.JSON).queryParam("collectionId", collection).queryParam("from", from)
                .queryParam("to", to).get("/api/insights").then().statusCode(200).extract().jsonPath();
        Response csv = asAdmin().accept("text/csv").queryParam("collectionId", collection).queryParam("from", from)
                .queryParam("to", to).get("/api/insights");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String body = csv.asString();
        assertTrue(body.startsWith("section,key,value,count,comment\r\n"), body);
        assertTrue(body.contains("summary,\"questions\",\"" + json.getLong("questions") + "\","), body);
        assertTrue(json.getDouble("unsupportedSentenceShare") > 0, json.prettify());
        assertTrue(body.contains(String.format(java.util.Locale.ROOT, "summary,\"unsupported_sentence_share\",\"%.4f\",%d,\r\n",
                json.getDouble("unsupportedSentenceShare"), json.getLong("sentencesChecked"))), body);
        assertTrue(body.contains(String.format(java.util.Locale.ROOT, "summary,\"negative_feedback_rate\",\"%.4f\",%d,\r\n",
                json.getDouble("negativeFeedbackRate"), json.getLong("ratedAnswers"))), body);
        assertTrue(body.contains("negative,\"" + TERMINATION + "\",\"wrong\"," + answerId
                + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"\r\n"), body);
        assertFalse(body.contains(",\"="), "no cell starts a formula: " + body);
        assertEquals(body, asAdmin().queryParam("collectionId", collection).queryParam("format", "csv")
                .queryParam("from", from).queryParam("to", to).get("/api/insights").then().statusCode(200).extract().asString(), "?format=csv gives the same file");
        asAdmin().queryParam("format", "xml").get("/api/insights").then().statusCode(400);

        Response ratings = asAdmin().queryParam("collectionId", collection).queryParam("rating", "down")
                .queryParam("format", "csv").get("/api/feedback");
        ratings.then().statusCode(200).header("X-Total-Count", "1").contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String rows = ratings.asString();
        assertTrue(rows.startsWith("feedback_id,answer_id,rated_at,user,rating,reason,comment,question,answer,"), rows);
        assertTrue(rows.contains(",down,\"wrong\",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), rows);
        assertEquals(2, rows.split("\r\n").length, rows);
        // JSON stays the default
        asAdmin().queryParam("collectionId", collection).queryParam("rating", "down").get("/api/feedback").then()
                .statusCode(200).contentType(ContentType.JSON).body("[0].comment", org.hamcrest.Matchers.equalTo(formula));
        assertEquals(answerId, json.getLong("negativeAnswers[0].answerId"));
        assertEquals(formula, json.getString("negativeAnswers[0].comment"));
    }

    @Test
    void each_turn_of_a_conversations_history_names_its_answer_so_an_earlier_one_can_be_rated() {
        long conversation = asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/conversations").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        SERVER.enqueue(Reply.of(SUPPORTED));
        long first = askIn(conversation, TERMINATION).getLong("answerId");
        SERVER.enqueue(Reply.of("What notice is required to terminate the Agreement for cause?"));
        SERVER.enqueue(Reply.of("Either party may terminate this Agreement for cause if the other party fails to cure"
                + " a material breach within thirty (30) days after receiving written notice [1]."));
        long second = askIn(conversation, "and for cause?").getLong("answerId");
        assertTrue(second > first);

        JsonPath stored = asAdmin().get("/api/conversations/" + conversation).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first, second), stored.getList("turns.answerId", Long.class));
        assertEquals(first, stored.getLong("turns[0].answer.answerId"), "inside the answer too, as /api/ask gives it");

        asAdmin().contentType(ContentType.JSON).body(Map.of("rating", "up")).post("/api/answers/"
                + stored.getLong("turns[0].answerId") + "/feedback").then().statusCode(201)
                .body("answerId", org.hamcrest.Matchers.equalTo((int) first));
    }

    private JsonPath askIn(long conversation, String question) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("question", question, "collections", List.of(collection), "conversationId", conversation))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();
    }
}
