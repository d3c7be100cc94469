package io.docqa.answer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.security.Passwords;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import io.docqa.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Without a language model: verified extractive answers, abstention with the closest passages, conversations. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractiveAnswerVerificationTest {

    @Inject
    UserRepository users;

    private long collection;

    @BeforeEach
    void ingestOnce() {
        if (collection != 0) {
            return;
        }
        collection = Api.createCollection("Extractive verification");
        JsonPath upload = Api.upload(collection, "service-agreement.pdf", "employee-handbook.docx").then()
                .statusCode(202).extract().jsonPath();
        for (Object id : upload.getList("documents.id")) {
            assertEquals("READY", Api.awaitFinal(((Number) id).longValue()).get("status"));
        }
    }

    @Test
    void every_extracted_sentence_is_checked_and_supported() {
        JsonPath a = Api.ask("How many vacation days do full-time employees get?", List.of(collection)).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("extractive", a.getString("mode"));
        assertTrue(a.getBoolean("grounded"));
        List<Map<String, Object>> sentences = a.getList("sentences");
        assertFalse(sentences.isEmpty());
        assertEquals(a.getList("citations").size(), sentences.size(), a.prettify());
        for (int i = 0; i < sentences.size(); i++) {
            assertTrue(a.getBoolean("sentences[" + i + "].supported"), a.prettify());
            assertTrue(a.getDouble("sentences[" + i + "].score") > 0.95, a.prettify());
        }
        assertTrue(a.getString("answer").contains("twenty-five (25) days"), a.getString("answer"));
        assertEquals(List.of(), a.getList("closest"));
    }

    @Test
    void an_unanswerable_question_says_not_found_and_lists_the_closest_passages() {
        JsonPath a = Api.ask("What is the boiling point of mercury in Kelvin?", List.of(collection)).then()
                .statusCode(200).extract().jsonPath();
        assertFalse(a.getBoolean("grounded"));
        assertTrue(a.getString("answer").startsWith("Not found in the selected documents"), a.getString("answer"));
        assertEquals(List.of(), a.getList("citations"));
        assertFalse(a.getList("closest").isEmpty(), a.prettify());
        assertTrue(a.getList("closest").size() <= 3);
        assertTrue(a.getString("closest[0].documentName").matches("service-agreement.pdf|employee-handbook.docx"));
    }

    @Test
    void a_short_follow_up_carries_over_the_subject_of_the_previous_question() {
        long conversation = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Vacation"))
                .post("/api/conversations").then().statusCode(201).extract().jsonPath().getLong("id");
        askIn(conversation, "How many vacation days do full-time employees get?");
        JsonPath followUp = askIn(conversation, "And how many can they carry over?");
        String standalone = followUp.getString("standaloneQuestion");
        assertTrue(standalone.startsWith("And how many can they carry over?"), standalone);
        assertTrue(standalone.contains("vacation"), standalone);
        assertTrue(followUp.getString("answer").contains("five (5) unused vacation days"), followUp.prettify());

        JsonPath stored = Api.asAdmin().get("/api/conversations/" + conversation).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("Vacation", stored.getString("title"), "an explicit title is kept");
        assertEquals(2, stored.getList("turns").size());
        assertEquals(standalone, stored.getString("turns[1].standaloneQuestion"));
        assertEquals(followUp.getList("citations"), stored.getList("turns[1].answer.citations"));
    }

    @Test
    void conversations_belong_to_their_owner_and_can_be_deleted() {
        users.create("reader-5", Passwords.hash("reader-5-password"), Role.READER);
        long mine = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Admin only"))
                .post("/api/conversations").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Object> adminList = Api.asAdmin().get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .getList("id");
        assertTrue(adminList.stream().anyMatch(id -> ((Number) id).longValue() == mine));

        var reader = given().auth().preemptive().basic("reader-5", "reader-5-password");
        assertTrue(reader.get("/api/conversations").then().statusCode(200).extract().jsonPath().getList("id").isEmpty());
        given().auth().preemptive().basic("reader-5", "reader-5-password").get("/api/conversations/" + mine)
                .then().statusCode(404);
        given().auth().preemptive().basic("reader-5", "reader-5-password").contentType(ContentType.JSON)
                .body(Map.of("question", "What is the notice period?", "conversationId", mine))
                .post("/api/ask").then().statusCode(404);
        given().auth().preemptive().basic("reader-5", "reader-5-password").delete("/api/conversations/" + mine)
                .then().statusCode(404);
        given().get("/api/conversations").then().statusCode(401);

        Api.asAdmin().delete("/api/conversations/" + mine).then().statusCode(204);
        Api.asAdmin().get("/api/conversations/" + mine).then().statusCode(404);
    }

    private JsonPath askIn(long conversation, String question) {
        return Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("question", question, "collections", List.of(collection), "conversationId", conversation))
                .post("/api/ask").then().statusCode(200).extract().jsonPath();
    }
}
